import { describe, expect, it } from "vitest";
import { splitQuestion } from "../../../src/engine/splitQuestion.ts";

describe("splitQuestion", () => {
  it("splits clauses that each ask something", () => {
    expect(splitQuestion("who are the rebels and what do they want?")).toEqual([
      "who are the rebels",
      "what do they want?",
    ]);
    expect(splitQuestion("Two things: who leads the offensive, and when did it start?")).toEqual([
      "who leads the offensive",
      "when did it start?",
    ]);
    expect(splitQuestion("I'm confused. Did the army leave Hama? And where did they go?")).toEqual([
      "Did the army leave Hama?",
      "where did they go?",
    ]);
  });

  it("leaves a question that asks one thing whole", () => {
    for (const q of [
      "did the army leave hama and homs",
      "how far is hama from homs and from damascus",
      "why did the army withdraw from hama",
    ])
      expect(splitQuestion(q)).toEqual([q]);
  });
});
