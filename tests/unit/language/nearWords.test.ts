/** Near words (language/near-words.json): the data file, and how a question's unknown word meets a sentence by one. */
import { describe, expect, it } from "vitest";
import { createFactdesk } from "../../../src/engine/factdesk.ts";
import { nearWords } from "../../../src/language/nearWords.ts";
import { smallStore } from "../../support/smallStore.ts";

describe("nearWords", () => {
  it("gives the words used most like a word, and none for a word it does not hold", () => {
    expect(nearWords("choppers")).toContain("helicopters");
    expect(nearWords("choppers")).not.toContain("choppers");
    expect(nearWords("xqzzv")).toEqual([]);
  });
});

describe("a question's word the report never uses", () => {
  const store = smallStore(
    ["Helicopters flew over Castlebury on Monday.", "Rescuers reached Dunmore by boat on Tuesday."].join(
      "\n\n",
    ),
  );
  const factdesk = createFactdesk(store, { calibration: "raw" });
  const coverageOf = (question: string) => {
    const reply = factdesk.answer(question);
    return reply.trace?.candidates?.[0]?.coverage ?? 0;
  };

  it("speaks of a sentence that has one of its near words, though less than the word itself would", () => {
    const near = coverageOf("did the choppers get over castlebury?");
    expect(near).toBeGreaterThan(coverageOf("did the zebras get over castlebury?"));
    expect(near).toBeLessThan(coverageOf("did the helicopters get over castlebury?"));
  });
});
