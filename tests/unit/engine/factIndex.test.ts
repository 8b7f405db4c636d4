/** The fact index on a store of one small report written for this test, no curation. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FactIndex } from "../../../src/engine/factIndex.ts";
import { TextAnalyzer } from "../../../src/engine/textAnalysis.ts";
import { loadKnowledge } from "../../../src/knowledge/loadKnowledge.ts";
import { englishWords } from "../../../src/language/englishWords.ts";

function storeOf(text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "factdesk-index-"));
  writeFileSync(
    path.join(dir, "town-2025-01-02.txt"),
    ` date 2025-01-02 A bridge (Test Photographer/TR)\n\n${text}\n`,
  );
  writeFileSync(
    path.join(dir, "sources.yaml"),
    "- id: town-2025-01-02\n  file: town-2025-01-02.txt\n  publisher: Test Reports\n  date: 2025-01-02\n  title: A bridge\n",
  );
  return loadKnowledge(dir);
}

describe("FactIndex", () => {
  it("reads a sentence that starts by referring back as being about the name before it too", () => {
    const store = storeOf(
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
    const store = storeOf(
      "Floods reached the town of Castlebury on Monday.\n\nEngineers worked through the night to protect the city and its bridge.",
    );
    const index = new FactIndex(store, new TextAnalyzer(store, englishWords()));
    expect(index.entries[1]?.terms.has("@castlebury")).toBe(true);
  });
});
