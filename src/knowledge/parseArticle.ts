/**
 * Splits a source article, exactly as received, into numbered paragraphs, sentences and
 * photo captions. Nothing is rewritten: every `text` is a verbatim slice of the file.
 *
 * The format (see knowledge/README.md):
 * - the first line may start with a date marker, `date YYYY-MM-DD`, followed by a caption;
 * - a line ending in one or more photographer credits such as `(Omar Albam/AP)` is a caption;
 * - every other non-empty line is an article paragraph.
 */

export interface ArticleSentence {
  /** Stable id: `<source id>#<number>`. */
  id: string;
  /** 1-based sentence number within the article (captions excluded). */
  number: number;
  /** 1-based paragraph number within the article (captions excluded). */
  paragraph: number;
  /** The sentence, verbatim. */
  text: string;
}

export interface ArticleCaption {
  /** Stable id: `<source id>#caption-<number>`. */
  id: string;
  number: number;
  /** The caption without its credit, verbatim. */
  text: string;
  /** The photographer credit, e.g. `Omar Albam/AP`. */
  credit: string;
}

export interface ParsedArticle {
  /** The date marker of the first line, when present (YYYY-MM-DD). */
  dateMarker: string | null;
  sentences: ArticleSentence[];
  captions: ArticleCaption[];
  paragraphCount: number;
}

const DATE_MARKER = /^\s*date (\d{4}-\d{2}-\d{2})\s+/;
/** One or more trailing credits, e.g. ` (Omar Albam/AP) (Omar Albam/AP)`. */
const TRAILING_CREDITS = /(?:\s*\(([^()]+\/[^()]+)\))+\s*$/;

const sentenceSegmenter = new Intl.Segmenter("en", { granularity: "sentence" });

export function parseArticle(sourceId: string, raw: string): ParsedArticle {
  const lines = raw.split(/\r?\n/);
  let dateMarker: string | null = null;
  const sentences: ArticleSentence[] = [];
  const captions: ArticleCaption[] = [];
  let paragraph = 0;

  lines.forEach((line, index) => {
    let body = line;
    if (index === 0) {
      const marker = DATE_MARKER.exec(body);
      if (marker) {
        dateMarker = marker[1] ?? null;
        body = body.slice(marker[0].length);
      }
    }
    body = body.trim();
    if (body === "") return;

    const credits = TRAILING_CREDITS.exec(body);
    if (credits) {
      const creditText = /\(([^()]+\/[^()]+)\)/.exec(credits[0])?.[1] ?? "";
      const number = captions.length + 1;
      captions.push({
        id: `${sourceId}#caption-${number}`,
        number,
        text: body.slice(0, credits.index).trim(),
        credit: creditText,
      });
      return;
    }

    paragraph += 1;
    for (const { segment } of sentenceSegmenter.segment(body)) {
      const text = segment.trim();
      if (text === "") continue;
      const number = sentences.length + 1;
      sentences.push({ id: `${sourceId}#${number}`, number, paragraph, text });
    }
  });

  return { dateMarker, sentences, captions, paragraphCount: paragraph };
}
