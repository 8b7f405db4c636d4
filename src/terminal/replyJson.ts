/**
 * The JSON shapes of the terminal interface (`--json`), which external checks rely on.
 * See README "Terminal interface".
 */
import type { OneReplyView, PlaceView, QuoteView, ReplyView } from "../view/replyView.ts";
export interface CitationJson {
  source: string;
  sentence: number;
  text: string;
}

export interface ReplyJson {
  question: string;
  /** An answer, a question back ("did you mean…?") or a refusal. */
  outcome: "answer" | "clarify" | "refuse";
  /** True for an answer only. */
  answered: boolean;
  confidence: number;
  citations: CitationJson[];
  suggestions: string[];
  /** A question in several parts: each part's reply. */
  parts?: ReplyJson[];
  /** Other reports' answers to the same question, each with its own report. */
  alsoReported?: Array<{ citations: CitationJson[] }>;
  /** Asked about now: the newest report's date the answer speaks for, and how many days ago it was. */
  asOf?: { source: string; date: string; daysAgo: number };
}

export interface PlaceJson {
  query: string;
  found: boolean;
  city: string | null;
  citations: CitationJson[];
  suggestions: string[];
}

const citationJson = ({ citation }: QuoteView): CitationJson => ({
  source: citation.source.id,
  sentence: citation.sentence.number,
  text: citation.sentence.text,
});

export function replyJson(view: ReplyView): ReplyJson {
  if (view.kind !== "parts") return oneReplyJson(view);
  return { ...oneReplyJson(view.whole), parts: view.parts.map(oneReplyJson) };
}

function oneReplyJson(view: OneReplyView): ReplyJson {
  if (view.kind === "answer") {
    const { asOf } = view.reply;
    return {
      question: view.question,
      outcome: "answer",
      answered: true,
      confidence: view.confidence,
      citations: view.main.quotes.map(citationJson),
      suggestions: view.related.map((o) => o.question),
      ...(view.others.length > 0
        ? { alsoReported: view.others.map((o) => ({ citations: o.quotes.map(citationJson) })) }
        : {}),
      ...(asOf ? { asOf: { source: asOf.source.id, date: asOf.source.date, daysAgo: asOf.daysAgo } } : {}),
    };
  }
  return {
    question: view.question,
    outcome: view.kind,
    answered: false,
    confidence: view.confidence,
    citations: [],
    suggestions: view.suggestions.map((o) => o.question),
  };
}

export function placeJson(view: PlaceView): PlaceJson {
  if (view.kind === "found")
    return {
      query: view.query,
      found: true,
      city: view.place.name,
      // The newest report's sentences first, then each older report's.
      citations: [view.main, ...view.others].flatMap((block) => block.quotes.map(citationJson)),
      suggestions: [],
    };
  return {
    query: view.query,
    found: false,
    city: null,
    citations: [],
    suggestions: view.suggestions.map((p) => p.name),
  };
}
