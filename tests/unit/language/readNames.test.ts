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

  it("reads a surname with the Arabic article said with it and without", () => {
    const read = names(["Mohammed Khaled al-Rifai, who headed the administration, spoke on Tuesday."]);
    expect(read.find((n) => n.name === "Mohammed Khaled al-Rifai")?.aliases).toEqual(
      expect.arrayContaining(["al-Rifai", "Rifai"]),
    );
  });

  it("does not read a sentence's first word, a weekday or a lower-case compound as a name", () => {
    const read = names(["Civilians fled on Thursday as Turkish-backed militias advanced."]).map(
      (n) => n.name,
    );
    expect(read).toEqual([]);
  });

  it("reads a one-word name as the longer name it heads: the most mentioned, or the first named", () => {
    const read = names([
      "The war is a setback for President Bashar Assad and his allies.",
      "It is a blow for Mr Assad, whose late father, Hafez Assad, ruled before him.",
      "The Syrian Observatory for Human Rights said so; the Observatory counts the dead.",
    ]);
    const byName = new Map(read.map((n) => [n.name, n]));
    expect(byName.has("Assad")).toBe(false);
    expect(byName.get("Bashar Assad")?.aliases).toContain("Assad");
    expect(byName.get("Hafez Assad")?.aliases ?? []).not.toContain("Assad");
    expect(byName.has("Observatory")).toBe(false);
    expect(byName.get("Syrian Observatory for Human Rights")?.aliases).toEqual(
      expect.arrayContaining(["Observatory", "Syrian Observatory"]),
    );
  });

  it("reads a dateline's city as a city of the report", () => {
    const read = names(["BEIRUT (AP) — Fighters reached the outskirts of the city on Saturday."]);
    expect(read.find((n) => n.name === "Beirut")).toMatchObject({ kind: "city" });
    expect(read.some((n) => n.name === "BEIRUT")).toBe(false);
  });

  it("reads the places a report marks as places, cities apart, and no country, acronym, title or adjective", () => {
    const kinds = (texts: string[]) =>
      Object.fromEntries(
        readNames(texts, (w) => english.has(w), [])
          .filter((n) => n.kind !== null)
          .map((n) => [n.name, n.kind]),
      );
    expect(
      kinds([
        "Fighters took the town of Tell Zaroura, then the Khalidiya district of Homs.",
        "Prisoners left Saydnaya military prison; troops moved onto the Golan Heights.",
        "Convoys came from Hmeimim air base near Kassab, and families fled the provinces of Latakia and Tartus.",
        "He has been in Moscow since December.",
      ]),
    ).toEqual({
      "Tell Zaroura": "city",
      Khalidiya: "place",
      // A well-known city of language/names.yaml is a city, whatever the cue ("the district of Homs").
      Homs: "city",
      Saydnaya: "place",
      "Golan Heights": "place",
      Hmeimim: "city",
      Kassab: "city",
      Latakia: "city",
      Tartus: "city",
      Moscow: "city",
    });
    expect(
      kinds([
        "Envoys from Russia met in Geneva, according to Reuters.",
        "In Washington, President Joe Biden spoke; fighters from HTS held a Russian air base.",
        "They took the capital, Damascus, and President Bashar Assad fled.",
      ]),
    ).toEqual({ Geneva: "city", Washington: "city", Damascus: "city" });
  });
});
