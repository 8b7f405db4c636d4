/** Deciding by claims (claimBook.ts): a claim answers when its action is the asked one or entails it and the named roles fit. */
import { describe, expect, it } from "vitest";
import { createFactdesk } from "../../../src/engine/factdesk.ts";
import { loadKnowledge } from "../../../src/knowledge/loadKnowledge.ts";

const factdesk = createFactdesk(loadKnowledge());
const explain = (question: string) => factdesk.answer(question).trace;
const fitting = (question: string) =>
  (explain(question)?.claims ?? []).map((c) => `${c.sentence.split("#")[1]} ${c.relation}`);

describe("claims", () => {
  it("a capture is answered by claims of a capture, and by the withdrawal that entails it", () => {
    const fits = fitting("did the insurgents take hama");
    expect(fits).toContain("4 same");
    expect(fits).toContain("1 entailed");
    expect(fits).not.toContain("12 same"); // Homs is only the next target
  });

  it("a name no claim of the asked action involves is refused, and the refusal says why", () => {
    for (const question of ["did assad flee the country?", "what did turkey say about the offensive?"]) {
      const reply = factdesk.answer(question);
      expect(reply.kind).toBe("refusal");
      if (reply.kind === "refusal") expect(reply.notClaimed?.names.length).toBeGreaterThan(0);
    }
  });

  it("roles the other way round do not fit ('who commands the SNA' is not 'led by HTS and the SNA')", () => {
    expect(fitting("who commands the syrian national army")).not.toContain("10 same");
  });

  it("'what city fell before Hama' is answered by the earlier capture of Aleppo", () => {
    const reply = factdesk.answer("what city fell before hama");
    expect(reply.kind === "answer" && reply.citations[0]?.sentence.text).toContain("captured much of Aleppo");
  });

  it("'why didn't Russia save Assad' is answered by the backers being busy with their own wars", () => {
    const reply = factdesk.answer("why didn't russia save assad");
    const offered =
      reply.kind === "answer"
        ? reply.citations[0]?.sentence.text
        : reply.suggestions[0]?.citations[0]?.sentence.text;
    expect(offered).toContain("preoccupied with their own wars");
  });

  it("'is Hama under rebel control now' is answered by the capture, not the government's past control", () => {
    const reply = factdesk.answer("is hama under rebel control now");
    expect(reply.kind === "answer" && reply.citations[0]?.sentence.text).toContain(
      "The capture of Syria’s fourth largest city",
    );
  });
});

describe("what was done instead", () => {
  it("asked why a doer did not stay or fight, its withdrawal answers; asked why it did, it does not", () => {
    expect(fitting("why didn't the army stay in hama")).toContain("1 entailed");
    expect(fitting("why did the army stay in hama")).not.toContain("1 entailed");
  });

  it("asked whether a doer did it, what it did instead answers too: 'did the army defend Hama?' — it withdrew", () => {
    expect(fitting("did the army defend hama to the end?")).toContain("1 entailed");
    const reply = factdesk.answer("did the army defend hama to the end?");
    expect(reply.kind === "refusal" && reply.notClaimed).toBeFalsy();
    // A question that asks what was done, not whether, is not answered by what was done instead.
    expect(fitting("how did the army defend hama")).not.toContain("1 entailed");
  });

  it("a why-not question ranks first what the doer did instead ('why didn't the army stay and fight?')", () => {
    const first = explain("Why didn't the army stay and fight inside Hama?")?.candidates[0]?.fact ?? "";
    expect(["hama-army-withdrew", "hama-army-redeployed"]).toContain(first);
  });
});
