/** Renders replies as plain text for a person at a terminal. */
import { MAX_QUESTION_LENGTH, withoutParts, type Reply } from "../engine/answerEngine.ts";
import type { PlaceLookup } from "../engine/lookupPlace.ts";
import type { Citation, Source } from "../knowledge/loadKnowledge.ts";
import { offeredQuestion } from "../knowledge/offeredQuestion.ts";
import { asOfLine, citationLabel, describeSources, reportedLine, theReports } from "./citationLabel.ts";

const quoteBlock = (citations: readonly Citation[]): string[] =>
  citations.flatMap((c, i) => [`  ${c.sentence.text}`, `    [${i + 1}] ${citationLabel(c)}`, ""]);

const asReported = (citations: readonly Citation[]): string => reportedLine(citations[0]?.source);

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
      return reply.notClaimed
        ? `${capitalise(reports)} ${sources.length > 1 ? "do" : "does"} not say: nothing in ${sources.length > 1 ? "them" : "it"} has ${reply.notClaimed.names.join(" or ")} in “${reply.notClaimed.action}”.`
        : `${capitalise(reports)} ${sources.length > 1 ? "do" : "does"} not say.`;
    case "unsure":
      return "I am not sure which of these you mean.";
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function renderReplyText(reply: Reply, sources: readonly Source[]): string {
  if (reply.parts && reply.parts.length > 1) {
    // One block for each part the article answers; one line for each it does not.
    const answered = reply.parts.filter((p) => p.kind === "answer");
    const blocks = answered.map((p) => `— ${p.question}\n${renderReplyText(withoutParts(p), sources)}`);
    const silent = reply.parts.filter((p) => p.kind !== "answer").map((p) => p.question);
    if (silent.length > 0)
      blocks.push(
        `${capitalise(theReports(sources))} ${sources.length > 1 ? "do" : "does"} not say: ${silent.join("; ")}`,
      );
    return blocks.join("\n\n");
  }
  if (reply.kind === "answer") {
    const lines = [
      ...(reply.asOf ? [asOfLine(reply.asOf), ""] : []),
      asReported(reply.citations),
      "",
      ...quoteBlock(reply.citations),
    ];
    // Each other report's answer under its own date, never merged.
    for (const other of reply.alsoReported ?? []) {
      const source = other.citations[0]?.source;
      const earlier = (source?.date ?? "") < (reply.citations[0]?.source.date ?? "");
      lines.push(reportedLine(source, earlier), "", ...quoteBlock(other.citations));
    }
    if (reply.related.length > 0) {
      lines.push("Related questions:", ...reply.related.map((f) => `  • ${offeredQuestion(f)}`));
    }
    return lines.join("\n").trimEnd();
  }
  const lines = [refusalMessage(reply, sources)];
  if (reply.reason === "not_covered" && reply.unknownWords.length > 0) {
    lines[0] += ` It has nothing on: ${reply.unknownWords.join(", ")}.`;
  }
  if (reply.suggestions.length > 0) {
    lines.push(
      "",
      reply.reason === "unsure" ? "Did you mean:" : "You could ask:",
      ...reply.suggestions.map((f) => `  • ${offeredQuestion(f)}`),
    );
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
    `“${lookup.query.trim()}” is not a place the reports cover.`,
    `Places it covers: ${lookup.suggestions.map((p) => p.name).join(", ")}.`,
  ].join("\n");
}

/** The decision trace of a reply, for `npm run ask -- --explain`: what was read, which claims fit, each candidate's checks. */
export function explainReply(reply: Reply): string {
  const parts = reply.parts && reply.parts.length > 1 ? reply.parts : [reply];
  return parts
    .map((part) => {
      const t = part.trace;
      if (!t) return `“${part.question}”: ${part.kind === "answer" ? "answered" : part.reason} (no trace)`;
      const lines = [
        `How “${part.question}” was decided`,
        `  read:       terms ${t.terms.join(" ") || "—"}${t.present ? " · asks about now" : ""}`,
        ...t.actions.map(
          (a) =>
            `  action:     “${a.words}” → ${a.actions.join(" / ")} · before [${a.before.join(", ")}] after [${a.after.join(", ")}]${a.doer.length > 0 ? ` by [${a.doer.join(", ")}]` : ""}`,
        ),
        ...t.anchors.map((a) => `  time:       ${a.relation} ${a.terms.join(", ")}`),
        `  claims:     ${t.claims === null ? "no action asked" : t.claims.length === 0 ? "none fits" : t.claims.map((c) => `${c.sentence} ${c.action} (${c.relation} ${c.score})`).join("; ")}`,
        "  candidates:",
        ...t.candidates.map(
          (c) =>
            `    ${c.fact}: score ${c.score} coverage ${c.coverage} question ${c.questionMatch} claim ${c.claimFit ?? "–"}${c.failed.length > 0 ? ` · failed ${c.failed.join(", ")}` : " · passes"}`,
        ),
        ...(t.chance === undefined ? [] : [`  chance:     ${Math.round(t.chance * 100)}% right`]),
        `  decision:   ${t.decision}`,
      ];
      return lines.join("\n");
    })
    .join("\n\n");
}
