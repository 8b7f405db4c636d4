/** Renders replies as plain text for a person at a terminal, from the view every renderer reads. */
import type { Reply } from "../engine/answerEngine.ts";
import type { OneReplyView, PlaceView, QuoteView, ReplyView, ReportQuotes } from "../view/replyView.ts";

const quoteBlock = (quotes: readonly QuoteView[]): string[] =>
  quotes.flatMap((q, i) => [`  ${q.text}`, `    [${i + 1}] ${q.label}`, ""]);

const framed = (block: ReportQuotes): string[] => [
  block.framing ?? "As reported:",
  "",
  ...quoteBlock(block.quotes),
];

function renderOne(view: OneReplyView): string {
  if (view.kind === "answer") {
    const lines = [...(view.notice ? [view.notice, ""] : []), ...framed(view.main)];
    // Each other report's answer under its own date, never merged.
    for (const other of view.others) lines.push(...framed(other));
    if (view.related.length > 0)
      lines.push("Related questions:", ...view.related.map((o) => `  • ${o.question}`));
    return lines.join("\n").trimEnd();
  }
  const lines = [
    view.unknownWords.length > 0
      ? `${view.message} ${view.nothingOn}: ${view.unknownWords.join(", ")}.`
      : view.message,
  ];
  if (view.suggestions.length > 0)
    lines.push(
      "",
      view.kind === "clarify" ? "Did you mean:" : "You could ask:",
      ...view.suggestions.map((o) => `  • ${o.question}`),
    );
  return lines.join("\n");
}

export function renderReplyText(view: ReplyView): string {
  if (view.kind !== "parts") return renderOne(view);
  // One block for each part the reports answer; one line for those they do not.
  const blocks = view.answered.map((part) => `— ${part.question}\n${renderOne(part)}`);
  if (view.silent.length > 0) blocks.push(`${view.notSaid}: ${view.silent.join("; ")}`);
  return blocks.join("\n\n");
}

export function renderPlaceText(view: PlaceView): string {
  if (view.kind === "found")
    return [
      `${view.place.name} (${view.place.kind}) — ${view.main.framing ?? "As reported:"}`,
      "",
      ...quoteBlock(view.main.quotes),
      // Each older report under its own date, never merged.
      ...view.others.flatMap(framed),
    ]
      .join("\n")
      .trimEnd();
  return [
    `“${view.query.trim()}” is not a place the reports cover.`,
    `Places it covers: ${view.suggestions.map((p) => p.name).join(", ")}.`,
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
