import { describe, expect, it } from "vitest";
import { verbBase } from "../../../src/language/readWords.ts";
import { stem } from "../../../src/engine/textAnalysis.ts";

describe("verbBase", () => {
  it("gives the base of irregular verb forms, so that their stems meet the base's", () => {
    expect(["led", "fell", "withdrew", "taken", "fled", "fought"].map(verbBase)).toEqual([
      "lead",
      "fall",
      "withdraw",
      "take",
      "flee",
      "fight",
    ]);
    expect(stem("led")).toBe(stem("leading"));
    expect(stem("fell")).toBe(stem("falls"));
  });

  it("leaves regular forms, other parts of speech, names and numbers alone", () => {
    expect(["seized", "rebels", "best", "news", "hama", "2011", "A"].map(verbBase)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
