import { describe, expect, it } from "vitest";
import { englishLanguage } from "../../../src/language/englishLanguage.ts";
import { testFactdesk } from "../../support/testFactdesk.ts";

describe("language/english.yaml", () => {
  it("loads chat-speak, fillers and help requests as Maps and Sets", () => {
    const english = englishLanguage();
    expect(english.chatSpeak.get("wut")).toBe("what");
    expect(english.fillerWords).toContain("supposedly");
    expect(english.helpRequests.has("what can you do")).toBe(true);
  });

  it("finds nothing of Object.prototype under user text", () => {
    const english = englishLanguage();
    const factdesk = testFactdesk();
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      expect(english.chatSpeak.get(name)).toBeUndefined();
      expect(() => factdesk.answer(`${name} of hama`)).not.toThrow();
      expect(factdesk.answer(`what about ${name}?`).question).toBe(`what about ${name}?`);
    }
  });
});
