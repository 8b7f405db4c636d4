/**
 * Reads the actions a text speaks of, with who does them and to what: "did the insurgents
 * *take* Hama" → capture, subject [insurgents], object [Hama]; "was Hama *taken* by the rebels"
 * → capture, object [Hama], agent [rebels] (passive); "what city *fell* before Hama" → capture,
 * object [city], with Hama as a time anchor. Questions and uncurated sentences are read by the
 * same function, so a question and the claim that answers it meet in one shape.
 */
import { englishLanguage } from "../language/englishLanguage.ts";
import type { ActionMention, ActionVocabulary } from "../language/actionVocabulary.ts";
import { readWords, type Word } from "../language/readWords.ts";
import type { Analysis } from "./textAnalysis.ts";

/** One action a text speaks of, with the terms around it by where they stand. */
export interface ActionReading {
  /** The actions its words may say (one word may say several: "flee"). */
  actions: string[];
  /** The words, as read ("taken", "pulled out"). */
  words: string;
  /** Terms before the action, in its clause (the subject, or a wh-object: "which militias does Ankara *back*"). */
  before: string[];
  /** Terms after it, up to the next action (its object, or the places it is done from or to). */
  after: string[];
  /** Terms after "by" in a passive ("taken *by the rebels*"), or after "to" of an undergoer ("fell *to the rebels*"). */
  doer: string[];
  /** The actions for which the subject is the one it happens to ("Hama *fell*", "people *fled*"). */
  undergoerFor: string[];
  /** The actions for which the subject may be either role ("the offensive *began*"). */
  ergativeFor: string[];
  /** Said in the passive ("was taken by"). */
  passive: boolean;
  /** Said as a noun ("the *capture* of Hama", "Aleppo's *takeover*"): the terms around it may be either role. */
  nominal: boolean;
  /** Said under a negation ("did *not* take"). */
  negated: boolean;
  /** Said as only possible, likely or to come ("*if* Hama falls", "is *likely* to take", "*would* be"). */
  conditional: boolean;
}

/** The terms a reading puts in each role for one of its actions. */
export interface Roles {
  agent: string[];
  object: string[];
  /** Terms whose role the wording leaves open. */
  either: string[];
}

/** Who does the action and to what, for one of the actions a reading's words may say. */
export function rolesFor(reading: ActionReading, action: string): Roles {
  const { before, after, doer } = reading;
  if (reading.nominal) return { agent: doer, object: [], either: [...before, ...after] };
  if (reading.ergativeFor.includes(action)) return { agent: doer, object: after, either: before };
  if (reading.passive) return { agent: doer, object: [...before, ...after], either: [] };
  if (reading.undergoerFor.includes(action))
    return { agent: doer, object: [...before, ...after], either: [] };
  return { agent: before, object: after, either: doer };
}

/** A name the text places an event before or after ("what fell *before Hama*"). */
export interface TimeAnchor {
  relation: "before" | "after";
  terms: string[];
  /** The anchor is an event ("before *the insurgents went in*"), not a name's own event ("before Hama"). */
  event: boolean;
  /** The actions of that event ("went in": enter); none for a bare name. */
  actions: string[];
}

export interface TextReading {
  actions: ActionReading[];
  anchors: TimeAnchor[];
  /** Asks about now ("still", "now", "currently", "today", "anymore"…). */
  present: boolean;
  /** The library's reading of the text's words (lemma, part of speech, negation). */
  words: Word[];
}

/** Words that only address the bot ("help *me*", "tell *us*"): an action aimed at them is chat, not a question. */
const ADDRESSEE = new Set(["me", "us", "i", "you"]);
const BE_OR_GET = new Set(["be", "get", "been"]);
/** Words after which a new clause begins, whose words are not the action's roles. */
const CLAUSE_OPENERS = new Set([
  "if",
  "that",
  "whether",
  "because",
  "while",
  "which",
  "unless",
  "though",
  "although",
  "when",
]);
/** Clause openers that make what their clause says only possible ("*if* Hama falls…"). */
const CONDITIONAL_OPENERS = new Set(["if", "unless"]);
/** How many words before an action a word of what may be reaches ("is *likely* to take", "*would* fall"). */
const CONDITIONAL_REACH = 3;
/** Words after an action that open something other than its roles ("…mean *for* Assad", "…the forces *that*…"). */
const CLAUSE_CLOSERS = new Set([
  "for",
  "about",
  "per",
  "according",
  "because",
  "than",
  "mean",
  "means",
  "so",
  "while",
  "but",
  "as",
  "like",
  "that",
  "which",
  "who",
  "whom",
  "if",
  "when",
  "whether",
  "although",
  "though",
  "or",
]);
const WH_WORDS = new Set(["who", "whom", "whose", "what", "which", "where", "when", "why", "how"]);
/** Auxiliaries that open a yes/no question or stand before a wh-question's subject (language/english.yaml). */
export const AUXILIARIES: ReadonlySet<string> = englishLanguage().auxiliaries;

/** Whether a question's words ask about now ("still", "today", "current"…: language/english.yaml). */
export function asksNow(tokens: readonly string[]): boolean {
  const { present } = englishLanguage().timeWords;
  return tokens.some((t) => present.has(t));
}

/**
 * Reads the actions of an analysed text. `isParticipant` says which terms can fill a role
 * (names, and the words the store's claims use for their roles).
 */
export function readActions(
  analysis: Analysis,
  vocabulary: ActionVocabulary,
  isParticipant: (term: string) => boolean,
  /** A report's sentence, not a question: the event after "after"/"before" happened too ("…, two days after government forces withdrew from Hama"). */
  { statement = false }: { statement?: boolean } = {},
): TextReading {
  const { tokens } = analysis;
  const words = readWords(tokens.join(" "));
  const tokenOf = alignWords(tokens, words);
  const mentions = vocabulary.find(words);
  const { timeWords } = englishLanguage();
  const present = asksNow(tokens);

  // Where each mention sits in the analysis' tokens.
  const at = mentions.map((m) => ({
    mention: m,
    from: tokenOf[m.start] ?? 0,
    to: (tokenOf[m.end - 1] ?? 0) + 1,
  }));
  const inMention = (from: number, to: number) => at.some((m) => from < m.to && to > m.from);

  // Time anchors: names just after "before", "after", "since"…
  const anchors: TimeAnchor[] = [];
  const anchored = new Set<number>();
  analysis.spans.forEach((span, s) => {
    if (!isParticipant(span.term)) return;
    let i = span.from - 1;
    while (i >= 0 && (tokens[i] === "the" || tokens[i] === "to")) i -= 1;
    const word = tokens[i] ?? "";
    const relation = timeWords.before.has(word) ? "before" : timeWords.after.has(word) ? "after" : null;
    if (relation) {
      anchors.push({ relation, terms: [span.term], event: false, actions: [] });
      anchored.add(s);
    }
  });

  // "before Hama fell", "after the rebels got in": the action after an anchor dates the anchor; it is not asked about.
  const anchorEvents = new Set(
    at.flatMap((m, k) =>
      analysis.spans.some((span, s) => anchored.has(s) && span.to <= m.from && m.from - span.to <= 1)
        ? [k]
        : [],
    ),
  );
  // In a statement that event is a claim of its own, its anchor's names its subject.
  const eventSubjects = new Set(
    statement
      ? analysis.spans.flatMap((span, s) =>
          anchored.has(s) &&
          at.some((m, k) => anchorEvents.has(k) && span.to <= m.from && m.from - span.to <= 1)
            ? [s]
            : [],
        )
      : [],
  );
  const participants = analysis.spans
    .map((span, s) => ({ ...span, s }))
    .filter(
      (span) =>
        isParticipant(span.term) &&
        (!anchored.has(span.s) || eventSubjects.has(span.s)) &&
        !inMention(span.from, span.to),
    );
  for (const anchor of anchors) {
    const event = at.find(
      (m, k) =>
        anchorEvents.has(k) &&
        analysis.spans.some(
          (span) => anchor.terms.includes(span.term) && span.to <= m.from && m.from - span.to <= 1,
        ),
    );
    anchor.event = event !== undefined;
    anchor.actions = event?.mention.actions ?? [];
  }
  const actions: ActionReading[] = [];
  at.forEach(({ mention, from, to }, k) => {
    const next = at[k + 1]?.from ?? tokens.length;
    const previousEnd = at[k - 1]?.to ?? 0;
    if (ADDRESSEE.has(tokens[to] ?? "") || (anchorEvents.has(k) && !statement)) return;
    const passive = isPassive(words, mention, tokenOf, previousEnd);
    // The doer of a passive ("by the rebels") or of an undergoer ("fell to the rebels").
    const undergoes = mention.undergoerFor.length > 0;
    const doerFrom = (() => {
      if (undergoes && tokens[to - 1] === "to") return to - 1;
      for (let i = to; i < next; i++)
        if (tokens[i] === "by" || (undergoes && i === to && tokens[i] === "to")) return i;
      return -1;
    })();
    // The clause the action is in: after the last clause word before it ("what does the chief think
    // happens *if* Hama falls"), up to a word that opens another ("…for Assad", "…that carried out").
    let clauseStart = previousEnd;
    for (let i = from - 1; i >= previousEnd; i--)
      if (CLAUSE_OPENERS.has(tokens[i] ?? "")) {
        clauseStart = i + 1;
        break;
      }
    let clauseEnd = next;
    for (let i = to; i < next; i++)
      if (CLAUSE_CLOSERS.has(tokens[i] ?? "") && !(i === to && mention.undergoerFor.length > 0)) {
        clauseEnd = i;
        break;
      }
    // A wh-question's fronted object ("*How much of Halab* did the rebels take", "*which militias* does Ankara back").
    const auxAt = WH_WORDS.has(tokens[clauseStart] ?? "")
      ? tokens.findIndex((t, i) => i > clauseStart && i < from && AUXILIARIES.has(t))
      : -1;
    const fronted =
      auxAt < 0 ? [] : participants.filter((p) => p.from >= clauseStart && p.to <= auxAt).map((p) => p.term);
    const subjectFrom = auxAt < 0 ? clauseStart : auxAt;
    // "Hama is under *rebel* control": the words after "under" hold the control, those before are
    // held — when the action is the noun after "under" ("…forces under Hafez Assad killed
    // thousands": there "under" says who commanded the doers).
    const nominal = isNominal(words, mention);
    const underAt = tokens.lastIndexOf("under", from);
    const under = nominal && underAt >= previousEnd && underAt < from ? underAt : -1;
    const nearBefore = participants
      .filter((p) => p.to <= from && p.from >= subjectFrom && (under < 0 || p.from < under))
      .map((p) => p.term);
    const holders =
      under < 0 ? [] : participants.filter((p) => p.from > under && p.to <= from).map((p) => p.term);
    const afterSpans = participants.filter((p) => p.from >= to && p.from < clauseEnd);
    actions.push({
      actions: mention.actions,
      words: tokens.slice(from, to).join(" "),
      before: under < 0 ? nearBefore : [],
      after: [
        ...fronted,
        ...(under < 0 ? [] : nearBefore),
        ...afterSpans.filter((p) => doerFrom < 0 || p.from < doerFrom).map((p) => p.term),
      ],
      doer: [...holders, ...afterSpans.filter((p) => doerFrom >= 0 && p.from > doerFrom).map((p) => p.term)],
      undergoerFor: mention.undergoerFor,
      ergativeFor: mention.ergativeFor,
      passive,
      nominal: nominal && !passive,
      negated:
        words.slice(mention.start, mention.end).some((w) => w.negated) ||
        tokens.slice(Math.max(previousEnd, from - 4), from).some((t) => t === "not" || t === "never"),
      conditional:
        CONDITIONAL_OPENERS.has(tokens[clauseStart - 1] ?? "") ||
        tokens
          .slice(Math.max(clauseStart, from - CONDITIONAL_REACH), from)
          .some((t) => englishLanguage().hypotheticalWords.has(t)),
    });
  });
  return { actions, anchors, present, words };
}

/** Words that make the word after them a noun ("the *capture*", "Aleppo's *takeover*", "its *fall*"). */
const NOUN_MARKERS = new Set([
  "the",
  "a",
  "an",
  "its",
  "their",
  "his",
  "her",
  "this",
  "that",
  "'s",
  "s",
  "of",
  "whose",
  "our",
  "my",
]);

/** An action said as a noun: tagged a noun and after an article, a possessive or another noun, or before "of". */
function isNominal(words: readonly Word[], mention: ActionMention): boolean {
  const first = words[mention.start];
  if (first?.pos !== "NOUN") return false;
  const previous = words[mention.start - 1];
  const next = words[mention.end];
  return (
    previous === undefined ||
    NOUN_MARKERS.has(previous.value.toLowerCase()) ||
    previous.pos === "NOUN" ||
    previous.pos === "PROPN" ||
    previous.pos === "ADJ" ||
    next?.value.toLowerCase() === "of"
  );
}

/**
 * A participle after "be" or "get" in its clause ("was taken", "were any soldiers killed",
 * "got kicked out"), not a gerund ("is taking") nor a verb of its own ("did they take").
 */
function isPassive(
  words: readonly Word[],
  mention: ActionMention,
  tokenOf: readonly number[],
  clauseStart: number,
): boolean {
  const first = words[mention.start];
  if (!first || first.pos !== "VERB" || first.value.endsWith("ing")) return false;
  // A participle spelt as its lemma ("was *put* down", "got *hit*") only right after "be" or "get".
  if (first.value === first.lemma) return BE_OR_GET.has(words[mention.start - 1]?.lemma ?? "");
  for (let i = mention.start - 1; i >= 0 && (tokenOf[i] ?? 0) >= clauseStart; i--) {
    const w = words[i];
    if (!w) break;
    if (BE_OR_GET.has(w.lemma)) return true;
    if (w.pos === "VERB" || (w.pos === "AUX" && w.lemma !== "have")) return false;
  }
  return false;
}

/**
 * For each of the library's words, the index of the analysis token it lies in: the library
 * splits some tokens ("cannot" → can, not), so words and tokens are matched by position in
 * the joined text.
 */
function alignWords(tokens: readonly string[], words: readonly Word[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const token of tokens) {
    starts.push(offset);
    offset += token.length + 1;
  }
  const text = tokens.join(" ");
  const out: number[] = [];
  let cursor = 0;
  let t = 0;
  for (const word of words) {
    const found = text.indexOf(word.value, cursor);
    const at = found < 0 ? cursor : found;
    while (t + 1 < starts.length && (starts[t + 1] ?? Infinity) <= at) t += 1;
    out.push(t);
    cursor = found < 0 ? cursor : found + word.value.length;
  }
  return out;
}
