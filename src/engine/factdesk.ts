/**
 * The one answer engine every face uses (terminal, Discord commands, free-text messages):
 * answers questions and looks up places from one loaded knowledge store.
 */
import { loadKnowledge, type KnowledgeStore, type Place } from "../knowledge/loadKnowledge.ts";
import {
  AnswerEngine,
  type AnswerEngineOptions,
  type AnswerReply,
  type AnswerScope,
  type Reply,
} from "./answerEngine.ts";
import { PlaceDirectory, type PlaceLookup } from "./lookupPlace.ts";

export interface Factdesk {
  readonly store: KnowledgeStore;
  /** Answers a question (from every report, or those of `scope`), or refuses with suggestions. Never throws on input. */
  answer(question: string, scope?: AnswerScope): Reply;
  /** The answer for one fact (a suggestion button), or null when the fact is unknown. */
  answerFact(factId: string): AnswerReply | null;
  /** Resolves a place by name, alias or misspelling. Never throws on input. */
  lookupPlace(name: string): PlaceLookup;
  /** Places for a partly typed name, best first (autocomplete). */
  completePlace(partial: string, limit?: number): Place[];
}

/** Builds the engine over a store (by default the shipped knowledge folder). */
export function createFactdesk(
  store: KnowledgeStore = loadKnowledge(),
  options: AnswerEngineOptions = {},
): Factdesk {
  const engine = new AnswerEngine(store, options);
  const places = new PlaceDirectory(store);
  return {
    store,
    answer: (question, scope) => engine.answer(question, scope),
    answerFact: (factId) => engine.answerFact(factId),
    lookupPlace: (name) => places.lookup(name),
    completePlace: (partial, limit) => places.complete(partial, limit),
  };
}
