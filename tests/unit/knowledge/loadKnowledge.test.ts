import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkCoverage } from "../../../src/curation/checkCoverage.ts";
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, loadKnowledge } from "../../../src/knowledge/loadKnowledge.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped store with one file edited. */
function storeWith(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "factdesk-knowledge-"));
  dirs.push(dir);
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, edit(readFileSync(target, "utf8")));
  return dir;
}

function loadError(dir: string): KnowledgeError {
  try {
    loadKnowledge(dir);
  } catch (error) {
    if (error instanceof KnowledgeError) return error;
    throw error;
  }
  throw new Error("the store loaded without error");
}

describe("the shipped knowledge store", () => {
  const store = loadKnowledge();

  it("cites every article sentence and shares no question between facts", () => {
    const report = checkCoverage(store);
    expect(report.uncited).toEqual([]);
    expect(report.sharedQuestions).toEqual([]);
    expect(report.citedCount).toBe(report.sentenceCount);
  });

  it("names a synonym an earlier group's entry shadows by stemming alike ('busy' as 'business')", () => {
    const shadowed = checkCoverage({ ...store, synonyms: [["business", "trade"], ["preoccupied", "busy"]] })
      .shadowedSynonyms;
    expect(shadowed).toEqual([{ entry: "busy", group: "preoccupied", readAs: "business" }]);
    expect(checkCoverage({ ...store, synonyms: [["preoccupied", "busy with"]] }).shadowedSynonyms).toEqual([]);
  });

  it("quotes every fact's sentences verbatim from the article file", () => {
    const article = readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, "hama-2024-12-05.txt"), "utf8");
    for (const fact of store.facts) {
      expect(fact.citations.length).toBeGreaterThan(0);
      for (const citation of fact.citations) {
        expect(article).toContain(citation.sentence.text);
        expect(citation.sentence.text).toContain(citation.quote);
      }
    }
  });

  it("places every curated place on the map (places.yaml's coordinates)", () => {
    const curated = store.places.filter((p) => !p.read);
    expect(curated.map((p) => p.name)).toEqual(["Hama", "Aleppo", "Homs", "Damascus", "Latakia"]);
    for (const p of curated) expect(p.coordinates).not.toBeNull();
    expect(store.places.find((p) => p.name === "Homs")?.coordinates).toEqual({ lat: 34.7324, lon: 36.7137 });
  });

  it("keeps the article file byte for byte as received", () => {
    const shipped = readFileSync(path.join(DEFAULT_KNOWLEDGE_DIR, "hama-2024-12-05.txt"));
    const original = path.resolve(DEFAULT_KNOWLEDGE_DIR, "../../shared/sources/hama-2024-12-05.txt");
    let received: Buffer | null = null;
    try {
      received = readFileSync(original);
    } catch {
      // ../shared is not beside every checkout; the other tests still pin the text.
    }
    if (received) expect(shipped.equals(received)).toBe(true);
    expect(shipped.toString("utf8").startsWith(" date 2024-12-05 ")).toBe(true);
  });

  it("marks photo captions as captions, not sentences", () => {
    const source = store.sources[0];
    expect(source?.captions.map((c) => c.credit)).toEqual([
      "Ghaith Alsayed/AP",
      "Omar Albam/AP",
      "Omar Albam/AP",
      "Ghaith Alsayed/AP",
    ]);
    expect(source?.sentences.some((s) => s.text.includes("/AP)"))).toBe(false);
    expect(source?.sentences).toHaveLength(25);
    expect(source?.paragraphCount).toBe(23);
  });
});

describe("a broken knowledge file stops the load with one line naming file, entry and problem", () => {
  const cases: Array<{ name: string; file: string; edit: (t: string) => string; message: RegExp }> = [
    {
      name: "a missing file",
      file: "places.yaml",
      edit: () => "",
      message: /^.*places\.yaml: must be a YAML list of entries$/,
    },
    {
      name: "invalid YAML",
      file: "facts.yaml",
      edit: (t) => t.replace("  headline: Who leads the offensive", "  headline: [Who leads"),
      message: /facts\.yaml: line \d+: is not valid YAML/,
    },
    {
      name: "a citation that does not resolve",
      file: "facts.yaml",
      edit: (t) => t.replace("sentence: hama-2024-12-05#13", "sentence: hama-2024-12-05#99"),
      message:
        /facts\.yaml: fact "homs-distance-hama" \(entry \d+\): cites\[0\]: hama-2024-12-05#99 does not resolve/,
    },
    {
      name: "a quote that is not verbatim",
      file: "facts.yaml",
      edit: (t) =>
        t.replace(
          "quote: Homs is about 40 kilometres (25 miles) south of Hama",
          "quote: Homs is about 45 kilometres south of Hama",
        ),
      message:
        /fact "homs-distance-hama" \(entry \d+\): cites\[0\]: quote "Homs is about 45 kilometres south of Hama" is not verbatim in sentence hama-2024-12-05#13/,
    },
    {
      name: "a duplicate fact id",
      file: "facts.yaml",
      edit: (t) => t.replace("- id: homs-distance-hama", "- id: homs-next-target"),
      message:
        /facts\.yaml: fact "homs-next-target" \(entry \d+\): id "homs-next-target" is already used by fact "homs-next-target" \(entry \d+\)/,
    },
    {
      name: "an unknown answer type",
      file: "facts.yaml",
      edit: (t) => t.replace("answers: [distance, place]", "answers: [distance, colour]"),
      message: /facts\.yaml: fact "homs-distance-hama" \(entry \d+\): answers\.1 /,
    },
    {
      name: "an empty question list",
      file: "facts.yaml",
      edit: (t) =>
        t.replace(/(- id: homs-distance-hama[\s\S]*?)questions:\n(?: {4}- .*\n)+/, "$1questions: []\n"),
      message: /fact "homs-distance-hama" \(entry \d+\): questions must have at least one question/,
    },
    {
      name: "a place naming an unknown fact",
      file: "places.yaml",
      edit: (t) => t.replace("    - homs-distance-hama\n", "    - homs-distance-hamma\n"),
      message: /places\.yaml: place "Homs" \(entry 3\): facts\[1\] names unknown fact "homs-distance-hamma"/,
    },
    {
      name: "a latitude out of range",
      file: "places.yaml",
      edit: (t) => t.replace("coordinates: { lat: 34.7324, lon: 36.7137 }", "coordinates: { lat: 134.7324, lon: 36.7137 }"),
      message:
        /places\.yaml: place "Homs" \(entry 3\): coordinates\.lat must be -90 to 90 degrees \(latitude, north positive\)$/,
    },
    {
      name: "a longitude out of range",
      file: "places.yaml",
      edit: (t) => t.replace("coordinates: { lat: 34.7324, lon: 36.7137 }", "coordinates: { lat: 34.7324, lon: -236.7 }"),
      message:
        /places\.yaml: place "Homs" \(entry 3\): coordinates\.lon must be -180 to 180 degrees \(longitude, east positive\)$/,
    },
    {
      name: "coordinates that are not numbers",
      file: "places.yaml",
      edit: (t) => t.replace("coordinates: { lat: 34.7324, lon: 36.7137 }", "coordinates: { lat: 34.7N, lon: .nan }"),
      message: /places\.yaml: place "Homs" \(entry 3\): coordinates\.lat must be a number of degrees, -90 to 90/,
    },
    {
      name: "an alias used by two places",
      file: "places.yaml",
      edit: (t) => t.replace("aliases: [Hims,", "aliases: [Hamah, Hims,"),
      message:
        /places\.yaml: place "Homs" \(entry 3\): name or alias "Hamah" is already used by place "Hama" \(entry 1\)/,
    },
    {
      name: "an entity whose about fact is unknown",
      file: "entities.yaml",
      edit: (t) => t.replace("about: hts-jihadi-group", "about: hts-nothing"),
      message: /entities\.yaml: entity "hts" \(entry \d+\): about names unknown fact "hts-nothing"/,
    },
    {
      name: "a word in two synonym groups",
      file: "synonyms.yaml",
      // The store's own group repeats an entry of the English groups every store shares.
      edit: (t) => `${t.replace("[]", "")}\n- [metropolis, withdrawal]\n`,
      message:
        /synonyms\.yaml: group 1 \("metropolis"\): entry "withdrawal" is already used by language\/synonyms\.yaml \("withdraw"\)/,
    },
    {
      name: "a source date that contradicts the article's date marker",
      file: "sources.yaml",
      edit: (t) => t.replace("date: 2024-12-05", "date: 2024-12-06"),
      message:
        /sources\.yaml: source "hama-2024-12-05" \(entry 1\): date 2024-12-06 differs from the article's date marker 2024-12-05/,
    },
    {
      name: "a timeline event whose quote is not verbatim",
      file: "timeline.yaml",
      edit: (t) =>
        t.replace(
          "quote: the surprise opposition offensive on November 27",
          "quote: the surprise offensive on 27 November",
        ),
      message:
        /timeline\.yaml: event "27 November 2024" \(entry 4\): cites\[0\]: quote "the surprise offensive on 27 November" is not verbatim/,
    },
    {
      name: "a missing article file",
      file: "sources.yaml",
      edit: (t) => t.replace("file: hama-2024-12-05.txt", "file: missing.txt"),
      message: /missing\.txt: file is missing$/,
    },
    {
      name: "a YAML alias bomb",
      file: "synonyms.yaml",
      // Nine lists of nine aliases of the list before: 9^9 entries once expanded.
      edit: () =>
        [
          "- &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
          ...Array.from({ length: 8 }, (_, i) => {
            const previous = String.fromCharCode(97 + i);
            const name = String.fromCharCode(98 + i);
            return `- &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(", ")}]`;
          }),
        ].join("\n"),
      message: /synonyms\.yaml: is not valid YAML \(Excessive alias count/,
    },
    {
      name: "a knowledge file too large to read",
      file: "synonyms.yaml",
      edit: (t) => `${t}\n# ${"x".repeat(11_000_000)}\n`,
      message: /synonyms\.yaml: is 11 MB; a knowledge file may be at most 10 MB$/,
    },
  ];

  it.each(cases)("$name", ({ file, edit, message }) => {
    const error = loadError(storeWith(file, edit));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });
});
