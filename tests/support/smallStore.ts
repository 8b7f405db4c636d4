/**
 * A small knowledge store written by a test: one short report, `town-2025-01-02`, dated
 * 2 January 2025, with the curation files the test gives (facts.yaml, places.yaml…), loaded with
 * loadKnowledge from a temporary folder that is removed once loaded. The text's paragraphs are
 * separated by blank lines; its sentences are numbered from 1 (`town-2025-01-02#1`…).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadKnowledge, type KnowledgeStore } from "../../src/knowledge/loadKnowledge.ts";

/** The id of the one report of a small store, for citing its sentences (`${SMALL_REPORT}#1`). */
export const SMALL_REPORT = "town-2025-01-02";

/** Curation files by name ("facts.yaml": its YAML text); sources.yaml is written for the report. */
export type CurationFiles = Partial<
  Record<
    "facts.yaml" | "places.yaml" | "entities.yaml" | "synonyms.yaml" | "timeline.yaml" | "claims.yaml",
    string
  >
>;

export function smallStore(text: string, curation: CurationFiles = {}): KnowledgeStore {
  const dir = mkdtempSync(path.join(tmpdir(), "factdesk-small-"));
  try {
    writeFileSync(
      path.join(dir, `${SMALL_REPORT}.txt`),
      ` date 2025-01-02 A bridge (Test Photographer/TR)\n\n${text}\n`,
    );
    writeFileSync(
      path.join(dir, "sources.yaml"),
      `- id: ${SMALL_REPORT}\n  file: ${SMALL_REPORT}.txt\n  publisher: Test Reports\n  date: 2025-01-02\n  title: A bridge\n`,
    );
    for (const [file, yaml] of Object.entries(curation)) writeFileSync(path.join(dir, file), yaml);
    return loadKnowledge(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
