/**
 * What a reply shows, whatever shows it: the quotes under their reports and dates, the notices,
 * the refusal's reason and the questions offered. The Discord, terminal and JSON renderers each
 * turn this one view into their format; none decides wording the others would need.
 */
import {
  MAX_QUESTION_LENGTH,
  type AnswerReply,
  type RefusalReason,
  type RefusalReply,
  type Reply,
} from "../engine/answerEngine.ts";
import type { PlaceLookup } from "../engine/lookupPlace.ts";
import type { Citation, Fact, Place, Source } from "../knowledge/loadKnowledge.ts";
import { offeredQuestion } from "../knowledge/offeredQuestion.ts";
import { headlineOf } from "../language/sentenceShape.ts";
import {
  asOfLine,
  citationLabel,
  describeSources,
  formatDate,
  reportedLine,
  theReports,
} from "./citationLabel.ts";

/** One quoted sentence and how it is cited. */
export interface QuoteView {
  text: string;
  /** "Associated Press, 5 December 2024, paragraph 8, sentence 10". */
  label: string;
  citation: Citation;
}

/** The quotes of one report, framed by it: "As reported by … on …:" or "Earlier, as reported…". */
export interface ReportQuotes {
  headline: string;
  framing: string | null;
  /** An older report's answer shown under the newest one. */
  earlier: boolean;
  quotes: QuoteView[];
}

/** A question the bot offers (a button on Discord, a line in the terminal). */
export interface OfferedView {
  factId: string;
  question: string;
}

/** The reports a reply speaks for, in the words every renderer uses. */
export interface ScopeView {
  /** "the report" or "the reports". */
  reports: string;
  /** "the Associated Press report of 5 December 2024" or "2 reports, 5–7 December 2024 (…)". */
  described: string;
  /** More than one report. */
  plural: boolean;
}

export interface AnswerView {
  kind: "answer";
  question: string;
  confidence: number;
  /** Asked about now: the date the answer speaks for and that nothing later is known. */
  notice: string | null;
  main: ReportQuotes;
  /** Other reports' answers, each under its own report and date, never merged. */
  others: ReportQuotes[];
  related: OfferedView[];
  scope: ScopeView;
  reply: AnswerReply;
}

export interface RefusalView {
  /** "clarify": a question back ("did you mean…?"); "refuse": the reports are silent, or say nothing that clearly answers. */
  kind: "clarify" | "refuse";
  reason: RefusalReason;
  question: string;
  confidence: number;
  /** Why there is no answer, in one sentence. */
  message: string;
  /** Words of the question the store has never seen (shown when the reports do not say). */
  unknownWords: string[];
  /** How they are introduced: "It has nothing on" (one report), "They have nothing on" (several). */
  nothingOn: string;
  suggestions: OfferedView[];
  scope: ScopeView;
  reply: RefusalReply;
}

export type OneReplyView = AnswerView | RefusalView;

export interface PartsView {
  kind: "parts";
  question: string;
  /** The question as one reply (what shows when no part is answered). */
  whole: OneReplyView;
  /** Every part's reply, in order. */
  parts: Array<OneReplyView>;
  /** The parts the reports answer, each with its question. */
  answered: AnswerView[];
  /** The questions of the parts the reports do not answer, in order. */
  silent: string[];
  /** "The report does not say" (or "The reports do…"), which the silent parts follow. */
  notSaid: string;
  scope: ScopeView;
  /** The engine's reply (its decision trace, for `--explain`). */
  reply: Reply;
}

export type ReplyView = OneReplyView | PartsView;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function scopeView(sources: readonly Source[]): ScopeView {
  return { reports: theReports(sources), described: describeSources(sources), plural: sources.length > 1 };
}

const quoteViews = (citations: readonly Citation[]): QuoteView[] =>
  citations.map((citation) => ({ text: citation.sentence.text, label: citationLabel(citation), citation }));

/** The most a button's label holds (DISCORD_LIMITS.buttonLabel): a dated quote is cut to fit. */
const OFFER_LENGTH = 80;

/**
 * How a fact is offered (a suggestion, a button, a "did you mean…?"): its curated question; or,
 * for a sentence no curator described, its start quoted under its report's date — so that it
 * never reads as a present-day fact ("5 December 2024: “Hama is one of the few cities…”").
 */
function offeredLabel(fact: Fact): string {
  const citation = fact.citations[0];
  if (fact.questions.length > 0 || !citation) return offeredQuestion(fact);
  const date = `${formatDate(citation.source.date)}: `;
  const start = headlineOf(citation.sentence.text, OFFER_LENGTH - date.length - 2);
  // A sentence that opens a quote of its own keeps its marks rather than gaining more.
  return /^[“"‘']/.test(start) ? `${date}${start}` : `${date}“${start}”`;
}

const offered = (facts: readonly Fact[]): OfferedView[] =>
  facts.map((fact) => ({ factId: fact.id, question: offeredLabel(fact) }));

/** Why a question got no answer, in one sentence. */
export function refusalMessage(
  reply: Extract<Reply, { kind: "refusal" }>,
  sources: readonly Source[],
): string {
  const [only] = sources;
  const reports = theReports(sources);
  switch (reply.reason) {
    case "empty":
    case "no_content":
      return `I answer questions about ${describeSources(sources)}${sources.length === 1 && only ? `, “${only.title}”` : ""} — ask me anything about ${sources.length > 1 ? "them" : "it"}.`;
    case "too_long":
      return `That question is too long for me (over ${MAX_QUESTION_LENGTH} characters); please ask it in fewer words.`;
    case "not_covered":
      if (reply.unclear) return `I found nothing in ${reports} that clearly answers that.`;
      return reply.notClaimed
        ? `${capitalise(reports)} ${sources.length > 1 ? "do" : "does"} not say: nothing in ${sources.length > 1 ? "them" : "it"} has ${reply.notClaimed.names.join(" or ")} in “${reply.notClaimed.action}”.`
        : `${capitalise(reports)} ${sources.length > 1 ? "do" : "does"} not say.`;
    case "unsure":
      return "I am not sure which of these you mean.";
  }
}

/** One report's quotes under its own report and date, marked earlier when older than `newest` (a date). */
function reportQuotes(headline: string, citations: readonly Citation[], newest: string): ReportQuotes {
  const source = citations[0]?.source;
  const earlier = (source?.date ?? "") < newest;
  return {
    headline,
    framing: source ? reportedLine(source, earlier) : null,
    earlier,
    quotes: quoteViews(citations),
  };
}

function oneView(reply: Reply, sources: readonly Source[]): OneReplyView {
  const scope = scopeView(sources);
  if (reply.kind === "answer") {
    const newest = reply.citations[0]?.source.date ?? "";
    return {
      kind: "answer",
      question: reply.question,
      confidence: reply.confidence,
      notice: reply.asOf ? asOfLine(reply.asOf) : null,
      main: reportQuotes(reply.fact.headline, reply.citations, newest),
      others: (reply.alsoReported ?? []).map((other) =>
        reportQuotes(other.fact.headline, other.citations, newest),
      ),
      related: offered(reply.related),
      scope,
      reply,
    };
  }
  return {
    kind: reply.reason === "unsure" ? "clarify" : "refuse",
    reason: reply.reason,
    question: reply.question,
    confidence: reply.confidence,
    message: refusalMessage(reply, sources),
    unknownWords: reply.reason === "not_covered" ? reply.unknownWords : [],
    nothingOn: scope.plural ? "They have nothing on" : "It has nothing on",
    suggestions: offered(reply.suggestions),
    scope,
    reply,
  };
}

/** The view of a reply, framed by the reports it was asked of. */
export function viewReply(reply: Reply, sources: readonly Source[]): ReplyView {
  const { parts, ...whole } = reply;
  if (!parts || parts.length <= 1) return oneView(whole, sources);
  const scope = scopeView(sources);
  const partViews = parts.map((part) => oneView(part, sources));
  const silent = partViews.filter((p) => p.kind !== "answer").map((p) => p.question);
  return {
    kind: "parts",
    question: reply.question,
    whole: oneView(whole, sources),
    parts: partViews,
    answered: partViews.filter((p): p is AnswerView => p.kind === "answer"),
    silent,
    notSaid: `${capitalise(scope.reports)} ${scope.plural ? "do" : "does"} not say`,
    scope,
    reply,
  };
}

export type PlaceView =
  | {
      kind: "found";
      query: string;
      place: Place;
      /** What the newest report that names the place says of it. */
      main: ReportQuotes;
      /** What older reports say, each under its own report and date, marked as earlier. */
      others: ReportQuotes[];
      /** The place's other facts, offered as questions. */
      related: OfferedView[];
    }
  | { kind: "not_found"; query: string; suggestions: Place[] };

export function viewPlace(lookup: PlaceLookup): PlaceView {
  if (lookup.kind !== "found")
    return { kind: "not_found", query: lookup.query, suggestions: lookup.suggestions };
  // The look-up gives each report's sentences together, the newest report first.
  const blocks: Citation[][] = [];
  for (const citation of lookup.citations) {
    const last = blocks.at(-1);
    if (last?.[0]?.source.id === citation.source.id) last.push(citation);
    else blocks.push([citation]);
  }
  const newest = blocks[0]?.[0]?.source.date ?? "";
  const [main = [], ...others] = blocks;
  return {
    kind: "found",
    query: lookup.query,
    place: lookup.place,
    main: reportQuotes(lookup.place.name, main, newest),
    others: others.map((citations) => reportQuotes(lookup.place.name, citations, newest)),
    related: offered(lookup.place.facts.slice(1)),
  };
}
