/**
 * The stores the eval asks its sets on: the shipped store, or a bare copy of it (its
 * sources.yaml and report files only — no facts, claims, entities, places, synonyms or
 * timeline: the floor before any curation), each with the eval's extra reports added
 * uncurated, as `npm run knowledge:add` adds them.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import YAML from "yaml";
import { addReport } from "../knowledge/addReport.ts";

/** Copies a store's sources and reports into a new temporary folder; returns its path. */
export function bareStore(dir: string): string {
  const bare = mkdtempSync(path.join(tmpdir(), "factdesk-bare-"));
  const sourcesFile = path.join(dir, "sources.yaml");
  const sources = YAML.parse(readFileSync(sourcesFile, "utf8")) as Array<{ file: string }>;
  writeFileSync(path.join(bare, "sources.yaml"), readFileSync(sourcesFile));
  for (const source of sources) copyFileSync(path.join(dir, source.file), path.join(bare, source.file));
  return bare;
}

interface ExtraReport {
  id: string;
  file: string;
  publisher: string;
  date: string | Date;
  title: string;
}

/** A copy of a store (bare or whole) with the given reports of `reportsDir` added; returns its path. */
export function storeWith(
  dir: string,
  reportsDir: string,
  reportIds: readonly string[],
  bare = false,
): string {
  const target = bare ? bareStore(dir) : mkdtempSync(path.join(tmpdir(), "factdesk-store-"));
  if (!bare) cpSync(dir, target, { recursive: true });
  if (reportIds.length === 0) return target;
  const reports = YAML.parse(readFileSync(path.join(reportsDir, "sources.yaml"), "utf8")) as ExtraReport[];
  for (const id of reportIds) {
    const report = reports.find((r) => r.id === id);
    if (!report) throw new Error(`${path.join(reportsDir, "sources.yaml")}: no report "${id}"`);
    addReport(target, {
      file: path.join(reportsDir, report.file),
      id: report.id,
      publisher: report.publisher,
      date: report.date instanceof Date ? report.date.toISOString().slice(0, 10) : report.date,
      title: report.title,
    });
  }
  return target;
}
