/**
 * Asking a question, whichever way a member asked it (/ask, a suggestion's button, a mention or
 * a DM): the one place that decides which reports frame the reply, asks the engine, counts the
 * outcome and renders the reply's view as a Discord message.
 */
import { outcomeOf } from "../ops/healthServer.ts";
import type { KnowledgeStore, Source } from "../knowledge/loadKnowledge.ts";
import { viewReply } from "../view/replyView.ts";
import { renderNotice, renderReply, type MessagePayload } from "./renderReply.ts";
import type { CommandContext } from "./slashCommand.ts";

/** A question in words (optionally of one report), or a suggested question by its fact. */
export type Question = { text: string; report?: string | null } | { factId: string };

/** Where a question was asked, as the metrics count it. */
export type Face = "command" | "button" | "message";

export interface Asked {
  payload: MessagePayload;
  /** False when a button's question is no longer in the store. */
  found: boolean;
}

/** The reports a reply speaks for: the one asked of, when the store has it, else all of them. */
export function reportsAsked(store: KnowledgeStore, report: string | null | undefined): readonly Source[] {
  const one = store.sources.filter((s) => s.id === report);
  return one.length > 0 ? one : store.sources;
}

export function askQuestion(
  question: Question,
  { factdesk, metrics }: Pick<CommandContext, "factdesk" | "metrics">,
  { face, forUserId = null }: { face: Face; forUserId?: string | null },
): Asked {
  const sources = "text" in question ? reportsAsked(factdesk.store, question.report) : factdesk.store.sources;
  const reply =
    "text" in question
      ? factdesk.answer(
          question.text,
          sources.length < factdesk.store.sources.length ? { reports: sources.map((s) => s.id) } : {},
        )
      : factdesk.answerFact(question.factId);
  if (!reply)
    return {
      payload: renderNotice("That question is no longer in factdesk's knowledge — try /ask instead."),
      found: false,
    };
  metrics?.questions.inc({ outcome: outcomeOf(reply), face });
  return { payload: renderReply(viewReply(reply, sources), { forUserId }), found: true };
}
