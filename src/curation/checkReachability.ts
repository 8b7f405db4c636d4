/**
 * Whether the engine finds each fact from the fact's own curated questions: a curated question
 * answered from another sentence, or refused, shows a fact the engine cannot tell apart.
 */
import type { Factdesk } from "../engine/factdesk.ts";

export interface Unreached {
  fact: string;
  question: string;
  /** The fact that answered instead, or null when the question was refused. */
  answeredBy: string | null;
}

export function checkReachability(factdesk: Factdesk): { total: number; unreached: Unreached[] } {
  const unreached: Unreached[] = [];
  let total = 0;
  for (const fact of factdesk.store.facts) {
    for (const question of fact.questions) {
      total += 1;
      const reply = factdesk.answer(question);
      const reached =
        reply.kind === "answer" && reply.citations[0]?.sentence.id === fact.citations[0]?.sentence.id;
      if (!reached)
        unreached.push({
          fact: fact.id,
          question,
          answeredBy: reply.kind === "answer" ? reply.fact.id : null,
        });
    }
  }
  return { total, unreached };
}
