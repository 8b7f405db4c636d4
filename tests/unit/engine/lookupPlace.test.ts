/** The place directory on a small store written for this test: four fictional places, curated. */
import { describe, expect, it } from "vitest";
import { PlaceDirectory, placeCitations, type PlaceLookup } from "../../../src/engine/lookupPlace.ts";
import { SMALL_REPORT as R, smallStore } from "../../support/smallStore.ts";

const store = smallStore(
  [
    "Floods reached the town of Castlebury on Monday.",
    "About 1,200 residents had left their homes by Tuesday.",
    "The old bridge is about 30 kilometres north of the port of Dunmore.",
    "Volunteers were leading the rescue in Wick.",
    "Pumps were sent from Castleford province.",
  ].join("\n\n"),
  {
    "facts.yaml": `
- id: castlebury-floods
  headline: Floods reached Castlebury
  answers: [description]
  questions: [What happened in Castlebury?]
  cites:
    - { sentence: "${R}#1", quote: "Floods reached the town of Castlebury" }
- id: castlebury-residents-left
  headline: Residents left their homes
  answers: [number]
  questions: [How many residents left Castlebury?]
  cites:
    - { sentence: "${R}#2", quote: "About 1,200 residents had left their homes" }
    - { sentence: "${R}#1", quote: "Floods reached the town of Castlebury" }
- id: dunmore-distance
  headline: The bridge is 30 km from Dunmore
  answers: [distance]
  questions: [How far is the bridge from Dunmore?]
  cites:
    - { sentence: "${R}#3", quote: "about 30 kilometres north of the port of Dunmore" }
- id: wick-rescue
  headline: Volunteers led the rescue in Wick
  answers: [organisation]
  questions: [Who led the rescue in Wick?]
  cites:
    - { sentence: "${R}#4", quote: "Volunteers were leading the rescue in Wick" }
- id: castleford-pumps
  headline: Pumps came from Castleford
  answers: [place]
  questions: [Where did the pumps come from?]
  cites:
    - { sentence: "${R}#5", quote: "Pumps were sent from Castleford province." }
`,
    "places.yaml": `
- name: Castlebury
  kind: city
  aliases: [Caer Castell, Castelbury]
  facts: [castlebury-floods, castlebury-residents-left]
- name: Dunmore
  kind: city
  aliases: [Dun Mor]
  facts: [dunmore-distance]
- name: Wick
  kind: city
  facts: [wick-rescue]
- name: Castleford
  kind: province
  facts: [castleford-pumps]
`,
  },
);
const places = new PlaceDirectory(store);
const STORE_ORDER = ["Castlebury", "Dunmore", "Wick", "Castleford"];

/** The name of the place a query resolves to, or null when it is not found. */
function found(query: string): string | null {
  const lookup = places.lookup(query);
  return lookup.kind === "found" ? lookup.place.name : null;
}

describe("PlaceDirectory.lookup", () => {
  it("finds a place by its name, in any case and with accents", () => {
    for (const query of ["Castlebury", "castlebury", "CASTLEBURY", "Cástlebury", "  Castlebury  "])
      expect(found(query), query).toBe("Castlebury");
    expect(found("Wick")).toBe("Wick");
  });

  it("finds a place by an alias of one or several words", () => {
    expect(found("Caer Castell")).toBe("Castlebury");
    expect(found("caer   castell")).toBe("Castlebury");
    expect(found("Castelbury")).toBe("Castlebury");
    expect(found("Dun Mor")).toBe("Dunmore");
  });

  it("answers with the place's cited sentences in the order of its facts, each once", () => {
    const lookup = places.lookup("Castlebury");
    expect(lookup.kind).toBe("found");
    if (lookup.kind !== "found") return;
    expect(lookup.query).toBe("Castlebury");
    // castlebury-residents-left cites #2 and #1 again: #1 is not repeated.
    expect(lookup.citations.map((c) => c.sentence.id)).toEqual([`${R}#1`, `${R}#2`]);
    expect(lookup.citations.map((c) => c.quote)).toEqual([
      "Floods reached the town of Castlebury",
      "About 1,200 residents had left their homes",
    ]);
    expect(placeCitations(lookup.place, store)).toEqual(lookup.citations);
  });

  it("finds a misspelt name", () => {
    expect(found("Castlebery")).toBe("Castlebury");
    expect(found("Castlburry")).toBe("Castlebury");
    expect(found("Dunmor")).toBe("Dunmore");
    expect(found("Dunmoore")).toBe("Dunmore");
  });

  it("allows a four-letter name only a doubled letter or a neighbouring key, not any one edit", () => {
    expect(found("Wickk")).toBe("Wick");
    // x is beside c on the keyboard; n is not.
    expect(found("Wixk")).toBe("Wick");
    expect(found("Wink")).toBeNull();
  });

  it("reads a name with qualifiers around it as the name", () => {
    expect(found("Castlebury city")).toBe("Castlebury");
    expect(found("Castlebury town")).toBe("Castlebury");
    expect(found("the town of Castlebury")).toBe("Castlebury");
    expect(found("in Castlebury")).toBe("Castlebury");
    expect(found("Castleford province")).toBe("Castleford");
    expect(found("the province of Castleford")).toBe("Castleford");
    // Qualifiers alone name nothing.
    expect(found("the city")).toBeNull();
  });

  it("finds a place named in a phrase of plain words, but not a misspelling there or two places", () => {
    expect(found("tell me about Castlebury")).toBe("Castlebury");
    expect(found("what's going on in dunmore?")).toBe("Dunmore");
    expect(found("any news from the port of Dunmore")).toBe("Dunmore");
    expect(found("tell me about Castlebery")).toBeNull();
    expect(found("between Castlebury and Dunmore")).toBeNull();
  });

  it("finds a place by the start of a name only when that start picks out one place", () => {
    expect(found("castlef")).toBe("Castleford");
    expect(found("dun")).toBe("Dunmore");
    // "castle" starts both Castlebury and Castleford; two letters are too few.
    expect(found("castle")).toBeNull();
    expect(found("ca")).toBeNull();
  });

  it("says an unknown place is not found and suggests every place, in the store's order", () => {
    for (const query of ["Paris", "Hamm", "Castlebury Dunmore", "", "   "]) {
      const lookup: PlaceLookup = places.lookup(query);
      expect(lookup.kind, query).toBe("not_found");
      if (lookup.kind !== "not_found") continue;
      expect(lookup.query).toBe(query);
      expect(lookup.suggestions.map((p) => p.name)).toEqual(STORE_ORDER);
    }
  });

  it("never throws on hostile input, and finds nothing in it", () => {
    const hostile = [
      "constructor",
      "__proto__",
      "toString",
      "hasOwnProperty",
      "a".repeat(6000),
      "é".repeat(6000),
      "\u0000\u202e".repeat(3000),
      "castlebury".repeat(600),
      `Castlebury ${"x".repeat(6000)}`,
    ];
    for (const query of hostile) {
      const lookup = places.lookup(query);
      expect(lookup.kind, query.slice(0, 20)).toBe("not_found");
      if (lookup.kind === "not_found") expect(lookup.suggestions.map((p) => p.name)).toEqual(STORE_ORDER);
    }
  });
});

describe("PlaceDirectory.complete", () => {
  it("completes the start of a name or alias, best first", () => {
    expect(places.complete("cas").map((p) => p.name)).toEqual(["Castlebury", "Castleford"]);
    expect(places.complete("CAS").map((p) => p.name)).toEqual(["Castlebury", "Castleford"]);
    expect(places.complete("caer").map((p) => p.name)).toEqual(["Castlebury"]);
    expect(places.complete("w").map((p) => p.name)).toEqual(["Wick"]);
  });

  it("completes a misspelt name, the closest first", () => {
    const names = places.complete("castlebery").map((p) => p.name);
    expect(names[0]).toBe("Castlebury");
    expect(names).not.toContain("Wick");
  });

  it("offers every place, up to the limit, for nothing typed yet", () => {
    expect(places.complete("").map((p) => p.name)).toEqual(STORE_ORDER);
    expect(places.complete("the").map((p) => p.name)).toEqual(STORE_ORDER);
    expect(places.complete("", 2).map((p) => p.name)).toEqual(["Castlebury", "Dunmore"]);
    expect(places.complete("cas", 1).map((p) => p.name)).toEqual(["Castlebury"]);
  });

  it("offers nothing for a name like none of the places", () => {
    expect(places.complete("zzz")).toEqual([]);
  });

  it("never throws on hostile input", () => {
    for (const partial of [
      "constructor",
      "__proto__",
      "a".repeat(6000),
      "x ".repeat(3000),
      "🙂".repeat(3000),
    ]) {
      const completions = places.complete(partial);
      expect(completions.length, partial.slice(0, 20)).toBeLessThanOrEqual(STORE_ORDER.length);
      for (const place of completions) expect(store.places).toContain(place);
    }
    expect(places.complete("constructor")).toEqual([]);
  });
});
