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

/**
 * The reports a store answers from, in words: "the Associated Press report of 5 December 2024",
 * or "3 reports, 5–7 December 2024 (Associated Press)".
 */
export function describeSources(sources: readonly Source[]): string {
  const [only] = sources;
  if (sources.length === 1 && only) return `the ${only.publisher} report of ${formatDate(only.date)}`;
  if (sources.length === 0) return "no report";
  const dates = sources.map((s) => s.date).sort();
  const first = formatDate(dates[0] ?? "");
  const last = formatDate(dates[dates.length - 1] ?? "");
  const span =
    first === last
      ? first
      : `${first.split(" ")[2] === last.split(" ")[2] ? first.replace(/ \d{4}$/, "") : first} – ${last}`;
  const publishers = [...new Set(sources.map((s) => s.publisher))];
  return `${sources.length} reports, ${span} (${publishers.slice(0, 3).join(", ")}${publishers.length > 3 ? "…" : ""})`;
}

/** "The report" or "The reports", as the subject of a sentence. */
export const theReports = (sources: readonly Source[]): string =>
  sources.length > 1 ? "the reports" : "the report";

/** The places a store covers, in words: "Hama, Aleppo, Homs, Damascus and Latakia" (the first `count`). */
export function listPlaces(names: readonly string[], count = 5): string {
  const shown = names.slice(0, count);
  const rest = names.length - shown.length;
  if (shown.length <= 1) return shown.join("");
  return rest > 0
    ? `${shown.join(", ")} and ${rest} more`
    : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
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
