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

/** "1 year and 11 months", "3 days": how long ago, in words. */
export function howLongAgo(days: number): string {
  if (days < 1) return "today";
  if (days < 61) return `${days} day${days === 1 ? "" : "s"} ago`;
  const months = Math.floor(days / 30.44);
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years > 0 ? `${years} year${years === 1 ? "" : "s"}` : "";
  const m = rest > 0 ? `${rest} month${rest === 1 ? "" : "s"}` : "";
  return `${[y, m].filter((t) => t !== "").join(" and ")} ago`;
}

/** The line a present-tense answer carries: the date it speaks for, and that nothing later is known. */
export function asOfLine(asOf: { source: Source; daysAgo: number }): string {
  return `As of ${formatDate(asOf.source.date)} — the newest report factdesk has (${sourceLabel(asOf.source)}), ${howLongAgo(asOf.daysAgo)}. It knows nothing later; this is not a report of today.`;
}

/** "As reported by the Associated Press on 5 December 2024:", with "Earlier, " for an older report's answer. */
export function reportedLine(source: Source | undefined, earlier = false): string {
  if (!source) return "As reported:";
  return `${earlier ? "Earlier, as" : "As"} reported by the ${source.publisher} on ${formatDate(source.date)}:`;
}
