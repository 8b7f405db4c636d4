/**
 * The JSON shapes of the terminal interface (`--json`), which external checks rely on.
 * See README "Terminal interface".
 */
import { withoutParts, type Reply } from "../engine/answerEngine.ts";
import type { PlaceLookup } from "../engine/lookupPlace.ts";
import type { Citation } from "../knowledge/loadKnowledge.ts";
import { offeredQuestion } from "../knowledge/offeredQuestion.ts";

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

const citationJson = (c: Citation): CitationJson => ({
  source: c.source.id,
  sentence: c.sentence.number,
  text: c.sentence.text,
});

export function replyJson(reply: Reply): ReplyJson {
  const parts =
    reply.parts && reply.parts.length > 1
      ? { parts: reply.parts.map((p) => replyJson(withoutParts(p))) }
      : {};
  return { ...oneReplyJson(reply), ...parts };
}

function oneReplyJson(reply: Reply): ReplyJson {
  if (reply.kind === "answer") {
    return {
      question: reply.question,
      outcome: "answer",
      answered: true,
      confidence: reply.confidence,
      citations: reply.citations.map(citationJson),
      suggestions: reply.related.map((f) => offeredQuestion(f)),
      ...(reply.alsoReported
        ? { alsoReported: reply.alsoReported.map((o) => ({ citations: o.citations.map(citationJson) })) }
        : {}),
      ...(reply.asOf
        ? {
            asOf: { source: reply.asOf.source.id, date: reply.asOf.source.date, daysAgo: reply.asOf.daysAgo },
          }
        : {}),
    };
  }
  return {
    question: reply.question,
    outcome: reply.reason === "unsure" ? "clarify" : "refuse",
    answered: false,
    confidence: reply.confidence,
    citations: [],
    suggestions: reply.suggestions.map((f) => offeredQuestion(f)),
  };
}

export function placeJson(lookup: PlaceLookup): PlaceJson {
  if (lookup.kind === "found") {
    return {
      query: lookup.query,
      found: true,
      city: lookup.place.name,
      citations: lookup.citations.map(citationJson),
      suggestions: [],
    };
  }
  return {
    query: lookup.query,
    found: false,
    city: null,
    citations: [],
    suggestions: lookup.suggestions.map((p) => p.name),
  };
}
