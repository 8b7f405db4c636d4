import { describe, expect, it } from "vitest";
import { readNames } from "../../../src/language/readNames.ts";

const english = new Set(["army", "press", "rights", "east"]);
const names = (texts: string[]) => readNames(texts, (w) => english.has(w), [["Aleppo", "Halab"]]);

describe("readNames", () => {
  it("reads capitalised runs with their initials, surnames and the Arabic article's variants", () => {
    const read = names([
      "The offensive is led by Hayat Tahrir al-Sham and the Syrian National Army.",
      "The Observatory’s chief, Rami Abdurrahman, spoke to the press in the city of Aleppo.",
    ]);
    const byName = new Map(read.map((n) => [n.name, n]));
    expect(byName.get("Hayat Tahrir al-Sham")?.aliases).toContain("HTS");
    expect(byName.get("Syrian National Army")?.aliases).toContain("SNA");
    expect(byName.get("Rami Abdurrahman")?.aliases).toEqual(
      expect.arrayContaining(["Abdurrahman", "Rami al-Abdurrahman"]),
    );
    expect(byName.get("Aleppo")).toMatchObject({ kind: "city", aliases: ["Halab"] });
  });

  it("does not read a sentence's first word, a weekday or a lower-case compound as a name", () => {
    const read = names(["Civilians fled on Thursday as Turkish-backed militias advanced."]).map(
      (n) => n.name,
    );
    expect(read).toEqual([]);
  });
});
