/**
 * What kind of answer a question asks for, read from its wording: "how many" needs a number,
 * "when" a date, "how far" a distance, "who" a person or group, "where" a place, "why" a reason.
 */
import { englishLanguage } from "../language/englishLanguage.ts";
import type { AnswerType } from "../knowledge/loadKnowledge.ts";
import { MONTHS, WEEKDAYS } from "../language/calendarWords.ts";

export type AskedType = "number" | "distance" | "date" | "duration" | "agent" | "place" | "reason" | "any";

/** The answer types that can satisfy each asked type. */
const SATISFIED_BY: Record<AskedType, readonly AnswerType[] | null> = {
  number: ["number"],
  distance: ["distance"],
  date: ["date"],
  duration: ["number", "date"],
  agent: ["person", "organisation", "quote"],
  place: ["place", "distance"],
  reason: ["reason"],
  any: null,
};

/**
 * Asked types that a fact must satisfy to answer at all: a question asking "how many" is not
 * answered by a sentence without a number. The others only rank compatible facts higher.
 */
const STRICT: ReadonlySet<AskedType> = new Set(["number", "distance", "date", "duration", "place"]);

const PATTERNS: Array<[AskedType, RegExp]> = [
  [
    "distance",
    /\bhow (?:far|close|near|distant)\b|\bdistance\b|\bhow many (?:kilomet(?:re|er)s?|miles?|kms?)\b/,
  ],
  [
    "number",
    /\bhow many\b|\bhow much\b(?! (?:of|time|does|did|do|will|would|can|could|should|might|may)\b)|\bnumber of\b|\bwhat number\b|\bcount of\b|\b(?:death|casualty|body) (?:toll|count)\b|\btoll\b|\bhow (?:old|tall|big a number|large a number)\b|\bwhat age\b/,
  ],
  ["duration", /\bhow long\b|\bhow much time\b/],
  [
    "date",
    /\bwhen\b|\b(?:what|which)(?: exact| precise)? (?:year|date|day|month|time|week|hour)\b|\bwhat time\b|\bsince when\b|\bwhat day of\b/,
  ],
  [
    "agent",
    /\bwho\b|\bwhom\b|\bwhose\b|\bwhich (?:group|groups|faction|factions|country|countries|organisation|organization|person|people|commander|militia|militias)\b/,
  ],
  ["reason", /\bwhy\b|\bhow come\b|\breason\b|\bwhat for\b|\bwhat made\b|\bwhat caused\b/],
  [
    "place",
    /\bwhere\b|\bwhich (?:city|cities|town|province|place|region|area)\b|\bwhat (?:city|town|province|place)\b/,
  ],
];

/** The asked type of a question, from its folded tokens (after chat-speak expansion). */
export function askedType(tokens: readonly string[]): AskedType {
  const text = tokens.join(" ");
  for (const [type, pattern] of PATTERNS) if (pattern.test(text)) return type;
  return "any";
}

export function isStrict(asked: AskedType): boolean {
  return STRICT.has(asked);
}

/** Whether a fact that supplies `answers` can answer a question asking for `asked`. */
export function satisfies(asked: AskedType, answers: readonly AnswerType[]): boolean {
  const accepted = SATISFIED_BY[asked];
  return accepted === null || answers.some((a) => accepted.includes(a));
}

/** The word a question asks about, and whether the wording ties it to a name ("the leader *of HTS*", "*Assad's* wife"). */
export interface QuestionFocus {
  word: string;
  /** "X of NAME" or "NAME's X": the answer must speak of that name itself, not only of its group. */
  boundToName: boolean;
  /** "how many X": X is what the answer's number must count. */
  counted?: boolean;
  /** "NAME's X": the word before the possessive (a name, or a plain word: "the regime's ground forces"). */
  possessor?: string;
}

/**
 * The word a question asks about, when its wording makes that plain: "what is the
 * *population* of Hama", "who is the *leader* of HTS", "Assad's *wife*", "which *province*…".
 * The answer must speak of it: an article that never mentions Hama's population cannot say it.
 * `text` is the question as typed.
 */
export function questionFocus(text: string): QuestionFocus | null {
  const lower = text.toLowerCase().replace(/[’‘`´ʼ]/g, "'");
  const patterns: Array<[RegExp, boolean, boolean?]> = [
    [
      /\b(?:what|who|which)(?:'s| is| was| are| were)\s+(?:the |a |an |his |her |their |its )?([a-z]+)\s+(?:of|in|for|behind|between|at)\b/,
      true,
    ],
    [/\b([a-z]+)'s\s+([a-z]+)\b/, true],
    [
      /\b(?:which|what)\s+([a-z]+)\s+(?:is|was|are|were|does|did|do|has|have|had|can|could|will|would)\b/,
      false,
    ],
    // "how many *members*…": the thing counted.
    [/\bhow many\s+([a-z]+)\b/, false, true],
    // "how *big* is Latakia": a measure the answer must speak of.
    [/\bhow\s+(big|large|small|old|tall|wide|rich|poor|populous)\b/, false],
  ];
  for (const [pattern, boundToName, counted] of patterns) {
    const match = pattern.exec(lower);
    // "NAME's X": the second group is X, the first the word before the possessive.
    if (match?.[1] && match[2]) return { word: match[2], boundToName, possessor: match[1] };
    if (match?.[1])
      return counted ? { word: match[1], boundToName, counted } : { word: match[1], boundToName };
  }
  return null;
}

/**
 * Focus words that name a kind of thing ("which *country*…", "what *group*…"), by word: a fact
 * that names such a thing answers them without using the word (language/english.yaml).
 */
export const KIND_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries(englishLanguage().kindWords).flatMap(([kind, words]) =>
    words.map((w) => [w, kind] as const),
  ),
);

/** How many words after a number the thing it counts may come ("tens of thousands of *people*"). */
export const COUNTED_WITHIN = 4;

/** Words that give a count. */
const NUMBER_WORDS: ReadonlySet<string> = new Set([
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "dozen",
  "dozens",
  "hundred",
  "hundreds",
  "thousand",
  "thousands",
  "million",
  "millions",
  "tens",
  "number",
  "several",
  "few",
  "many",
  "scores",
]);
/** Whether a token gives a count ("3", "thousands", "a number of"). */
export const isNumberWord = (token: string): boolean => /^\d[\d,.]*$/.test(token) || NUMBER_WORDS.has(token);

/** Whether a focus word is too vague to say what is asked. */
/** A focus word too vague to say what is asked, or one that only says the kind of answer (language/english.yaml). */
export const isVagueFocus = (word: string): boolean => englishLanguage().vagueFocusWords.has(word);

/** The kind of thing a focus word names ("countries" → country), if it names one. */
export const kindNamedBy = (word: string): string | undefined => KIND_WORDS.get(word);

/** Words that ask for a date finer than a year ("in which *month* of 1982"). */
const FINER_THAN_YEAR: ReadonlySet<string> = new Set([
  "hour",
  "month",
  "day",
  "date",
  "week",
  "exact",
  "exactly",
  "precise",
  "precisely",
]);

/** The words of a text that name a date: a year, a month, a weekday, a day of the month. */
export function dateWords(tokens: readonly string[]): string[] {
  return tokens.filter(
    (token, i) =>
      /^(1[6-9]|20)\d\d$/.test(token) ||
      // "May" only beside a number: otherwise it is the verb.
      (MONTHS.includes(token) &&
        (token !== "may" || /^\d/.test(tokens[i + 1] ?? "") || /^\d/.test(tokens[i - 1] ?? ""))) ||
      WEEKDAYS.includes(token) ||
      (/^\d{1,2}(st|nd|rd|th)?$/.test(token) && MONTHS.includes(tokens[i - 1] ?? "")),
  );
}

/**
 * When a question asks for an exact date or one finer than a year ("in which month of *1982*",
 * "on what exact date…"), the date words it gives itself (perhaps none): an answer must name a
 * date beyond them. Null for other questions.
 */
export function datesGivenForFinerDate(tokens: readonly string[]): ReadonlySet<string> | null {
  return tokens.some((t) => FINER_THAN_YEAR.has(t)) ? new Set(dateWords(tokens)) : null;
}
