/**
 * What an uncurated sentence can answer, read from its words: a number, a date, a distance, a
 * reason, a place, a person or group, a quotation. Used for the facts a report's sentences make
 * before anyone curates them.
 */
import type { AnswerType } from "./answerTypes.ts";
import { MONTHS, WEEKDAYS } from "./calendarWords.ts";
import { readWords } from "./readWords.ts";

/** Words that date what a sentence says: months, weekdays and spans of time. */
const DATE_WORDS: ReadonlySet<string> = new Set([
  ...MONTHS,
  ...WEEKDAYS,
  ...[
    "today",
    "yesterday",
    "morning",
    "evening",
    "night",
    "week",
    "weeks",
    "days",
    "hours",
    "months",
    "years",
  ],
]);
const DISTANCE = /^(kilometres?|kilometers?|km|miles?|metres?|meters?)$/;
const REASON = /^(because|since|after|following|due|as|amid|so)$/;
const PLACE_PREPOSITION =
  /^(in|at|from|to|near|outside|inside|into|toward|towards|north|south|east|west|around|across|along|on|of|through|beyond)$/;
const NUMBER_WORD = /^(dozens|hundreds|thousands|millions|tens|several|scores)$/;

/** The answer types a sentence supplies; always at least "description". */
export function answerTypesOf(sentence: string): AnswerType[] {
  const words = readWords(sentence);
  const types = new Set<AnswerType>(["description"]);
  words.forEach((word, i) => {
    const lower = word.value.toLowerCase();
    const next = words[i + 1];
    if (word.pos === "NUM" || NUMBER_WORD.test(lower)) {
      types.add("number");
      if (/^(1[6-9]|20)\d\d$/.test(lower)) types.add("date");
      if (next && DISTANCE.test(next.value.toLowerCase())) types.add("distance");
    }
    if (DATE_WORDS.has(lower)) types.add("date");
    if (REASON.test(lower) || (lower === "to" && next?.pos === "VERB")) types.add("reason");
    if (word.pos === "PROPN" && i > 0) {
      types.add(PLACE_PREPOSITION.test(words[i - 1]?.value.toLowerCase() ?? "") ? "place" : "organisation");
      types.add("person");
    }
    if (/^[“"]/.test(word.value)) types.add("quote");
  });
  return [...types];
}

/** A short headline for a sentence: its opening words, cut at a word. */
export function headlineOf(sentence: string, max = 80): string {
  const text = sentence.replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 40))}…`;
}
