/** Renders replies as plain text for a person at a terminal. */
import type { Reply } from "../engine/answerEngine.ts";
import type { PlaceLookup } from "../engine/lookupPlace.ts";
import type { Citation } from "../knowledge/loadKnowledge.ts";
import { citationLabel, formatDate } from "./citationLabel.ts";

const quoteBlock = (citations: readonly Citation[]): string[] =>
  citations.flatMap((c, i) => [`  ${c.sentence.text}`, `    [${i + 1}] ${citationLabel(c)}`, ""]);

const asReported = (citations: readonly Citation[]): string => {
  const source = citations[0]?.source;
  return source ? `As reported by the ${source.publisher} on ${formatDate(source.date)}:` : "As reported:";
};

/** Why a question got no answer, in one sentence. */
export function refusalMessage(reply: Extract<Reply, { kind: "refusal" }>, maxLength: number): string {
  switch (reply.reason) {
    case "empty":
    case "no_content":
      return "I answer questions about the Associated Press report of 5 December 2024 on the capture of Hama — ask me anything about it.";
    case "too_long":
      return `That question is too long for me (over ${maxLength} characters); please ask it in fewer words.`;
    case "not_covered":
      return "The article does not say.";
  }
}

export function renderReplyText(reply: Reply, maxLength: number): string {
  if (reply.kind === "answer") {
    const lines = [asReported(reply.citations), "", ...quoteBlock(reply.citations)];
    if (reply.related.length > 0) {
      lines.push("Related questions:", ...reply.related.map((f) => `  • ${f.questions[0] ?? f.headline}`));
    }
    return lines.join("\n").trimEnd();
  }
  const lines = [refusalMessage(reply, maxLength)];
  if (reply.reason === "not_covered" && reply.unknownWords.length > 0) {
    lines[0] += ` It has nothing on: ${reply.unknownWords.join(", ")}.`;
  }
  if (reply.suggestions.length > 0) {
    lines.push("", "You could ask:", ...reply.suggestions.map((f) => `  • ${f.questions[0] ?? f.headline}`));
  }
  return lines.join("\n");
}

export function renderPlaceText(lookup: PlaceLookup): string {
  if (lookup.kind === "found") {
    const { place } = lookup;
    return [
      `${place.name} (${place.kind}) — ${asReported(lookup.citations)}`,
      "",
      ...quoteBlock(lookup.citations),
    ]
      .join("\n")
      .trimEnd();
  }
  return [
    `“${lookup.query.trim()}” is not a place the article covers.`,
    `Places it covers: ${lookup.suggestions.map((p) => p.name).join(", ")}.`,
  ].join("\n");
}
