/** Why an answerable question was missed, read from its decision trace (evaluate.ts missCause). */
import { describe, expect, it } from "vitest";
import type { DecisionTrace, RefusalReply } from "../../../src/engine/answerEngine.ts";
import { missCause } from "../../../src/evaluation/evaluate.ts";

const SENTENCES: Record<string, string> = {
  withdrew: "The army says it has withdrawn from the city.",
  redeployed: "The army said it redeployed and took positions outside the city.",
};
const sentenceOf = (factId: string) => SENTENCES[factId] ?? "";

const trace = (candidates: Array<{ fact: string; failed: string[] }>): DecisionTrace => ({
  terms: [],
  actions: [],
  anchors: [],
  present: false,
  claims: null,
  candidates: candidates.map((c) => ({ ...c, score: 1, coverage: 1, questionMatch: 0, claimFit: null })),
  decision: "",
});
const refusal = (
  reason: RefusalReply["reason"],
  candidates: Array<{ fact: string; failed: string[] }>,
): RefusalReply => ({
  kind: "refusal",
  question: "why did the army leave?",
  reason,
  confidence: 0.4,
  suggestions: [],
  unknownWords: [],
  trace: trace(candidates),
});

describe("missCause", () => {
  it("says the outcome, where the right sentence stood and the checks it failed", () => {
    const expectRedeployed = ["took positions outside the city"];
    expect(
      missCause(
        refusal("unsure", [
          { fact: "redeployed", failed: [] },
          { fact: "withdrew", failed: [] },
        ]),
        expectRedeployed,
        sentenceOf,
      ),
    ).toBe("asked back · right first · passes every check");
    expect(
      missCause(
        refusal("not_covered", [
          { fact: "withdrew", failed: [] },
          { fact: "redeployed", failed: ["names", "focus"] },
        ]),
        expectRedeployed,
        sentenceOf,
      ),
    ).toBe("refused · right #2 · failed names, focus");
    expect(
      missCause(refusal("not_covered", [{ fact: "withdrew", failed: [] }]), expectRedeployed, sentenceOf),
    ).toBe("refused · right not among the candidates");
  });
});
