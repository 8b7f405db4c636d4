/** How a citation is named wherever it is shown: publisher, date, paragraph and sentence. */
import type { Citation, Source } from "../knowledge/loadKnowledge.ts";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "5 December 2024" from "2024-12-05". */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** "Associated Press, 5 December 2024, paragraph 8, sentence 10". */
export function citationLabel(citation: Citation): string {
  return `${sourceLabel(citation.source)}, paragraph ${citation.sentence.paragraph}, sentence ${citation.sentence.number}`;
}

/** "Associated Press, 5 December 2024". */
export function sourceLabel(source: Source): string {
  return `${source.publisher}, ${formatDate(source.date)}`;
}

/** "the Associated Press report of 5 December 2024", or "the article" when the store has no source. */
export function describeSource(source: Source | undefined): string {
  return source ? `the ${source.publisher} report of ${formatDate(source.date)}` : "the article";
}
