/**
 * A bare copy of a knowledge store: its sources.yaml and report files only — no facts, claims,
 * entities, places, synonyms or timeline — to measure what the engine answers before any
 * curation (the floor).
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import YAML from "yaml";

/** Copies a store's sources and reports into a new temporary folder; returns its path. */
export function bareStore(dir: string): string {
  const bare = mkdtempSync(path.join(tmpdir(), "factdesk-bare-"));
  const sourcesFile = path.join(dir, "sources.yaml");
  const sources = YAML.parse(readFileSync(sourcesFile, "utf8")) as Array<{ file: string }>;
  writeFileSync(path.join(bare, "sources.yaml"), readFileSync(sourcesFile));
  for (const source of sources) copyFileSync(path.join(dir, source.file), path.join(bare, source.file));
  return bare;
}
