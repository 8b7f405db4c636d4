/** The fact index on a store of one small report written for this test, no curation. */
import { describe, expect, it } from "vitest";
import { FactIndex } from "../../../src/engine/factIndex.ts";
import { TextAnalyzer } from "../../../src/engine/textAnalysis.ts";
import { englishWords } from "../../../src/language/englishWords.ts";
import { smallStore } from "../../support/smallStore.ts";

describe("FactIndex", () => {
  it("reads a sentence that starts by referring back as being about the name before it too", () => {
    const store = smallStore(
      "Engineers said the bridge at Castlebury would reopen in March.\n\nIt is about 30 kilometres north of the port of Dunmore.\n\nThe weather stayed dry all week.",
    );
    const index = new FactIndex(store, new TextAnalyzer(store, englishWords()));
    const [first, second, third] = index.entries;
    expect(first?.terms.has("@castlebury")).toBe(true);
    expect(second?.terms.has("@castlebury")).toBe(true);
    expect(second?.terms.has("@dunmore")).toBe(true);
    expect(third?.terms.has("@castlebury")).toBe(false);
  });

  it("reads “the city” in a sentence naming no place as the place named last", () => {
    const store = smallStore(
      "Floods reached the town of Castlebury on Monday.\n\nEngineers worked through the night to protect the city and its bridge.",
    );
    const index = new FactIndex(store, new TextAnalyzer(store, englishWords()));
    expect(index.entries[1]?.terms.has("@castlebury")).toBe(true);
  });

  it("reads a sentence that refers back, or names the action before it, as about that one's subject too", () => {
    const store = smallStore(
      [
        "The army says it has withdrawn from Castlebury.",
        "The announcement came hours after rebels said they had entered the town.",
        "It accused the rebels of using boats.",
        "Rain fell all week.",
      ].join("\n\n"),
    );
    const analyzer = new TextAnalyzer(store, englishWords());
    const index = new FactIndex(store, analyzer);
    const [army] = analyzer.analyze("army").terms;
    expect(index.entries[1]?.terms.has(army ?? "")).toBe(true);
    expect(index.entries[3]?.terms.has(army ?? "")).toBe(false);
  });

  it("reads a subject that speaks of a city it does not name as the place named before", () => {
    const store = smallStore(
      "Floods reached the town of Castlebury on Monday.\n\nThe flooding of the region’s largest town is a blow, days after rain hit the port of Dunmore.",
    );
    const index = new FactIndex(store, new TextAnalyzer(store, englishWords()));
    expect(index.entries[1]?.terms.has("@castlebury")).toBe(true);
    expect(index.entries[1]?.terms.has("@dunmore")).toBe(true);
  });
});
