/**
 * Adds a report to a knowledge folder: copies the file unchanged, registers it in
 * sources.yaml, and checks that the store still loads — or refuses with one line and leaves
 * the folder as it was (a date that disagrees with the file's date marker, an id already
 * used, a file with no sentences, a store that would not load).
 */
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { KNOWLEDGE_FILES, loadKnowledge, type KnowledgeStore, type Source } from "./loadKnowledge.ts";
import { parseArticle } from "./parseArticle.ts";
import { sourceSchema } from "./knowledgeSchema.ts";

export interface NewReport {
  /** The report's text file, exactly as received. */
  file: string;
  publisher: string;
  /** YYYY-MM-DD. */
  date: string;
  title: string;
  url?: string | undefined;
  /** Default: the file's name without `.txt`. */
  id?: string | undefined;
}

/** Why a report was not added: one line for the curator. */
export class AddReportError extends Error {
  override readonly name = "AddReportError";
}

/** Adds the report; returns the reloaded store and the new source. Throws AddReportError, changing nothing, when it cannot. */
export function addReport(dir: string, report: NewReport): { store: KnowledgeStore; source: Source } {
  if (!existsSync(report.file)) throw new AddReportError(`${report.file}: no such file`);
  const id = report.id ?? path.basename(report.file).replace(/\.txt$/i, "");
  const entry = sourceSchema.safeParse({
    id,
    file: `${id}.txt`,
    publisher: report.publisher,
    date: report.date,
    title: report.title,
    ...(report.url === undefined ? {} : { url: report.url }),
  });
  if (!entry.success) {
    const issue = entry.error.issues[0];
    throw new AddReportError(`--${String(issue?.path[0] ?? "id")} ${issue?.message ?? "is invalid"}`);
  }
  const text = readFileSync(report.file, "utf8");
  const article = parseArticle(id, text);
  if (article.sentences.length === 0) throw new AddReportError(`${report.file}: has no sentences`);
  if (article.dateMarker !== null && article.dateMarker !== entry.data.date)
    throw new AddReportError(
      `--date ${entry.data.date} differs from the file's date marker ${article.dateMarker}`,
    );

  const sourcesFile = path.join(dir, KNOWLEDGE_FILES.sources);
  const before = readFileSync(sourcesFile, "utf8");
  const existing = (YAML.parse(before) ?? []) as Array<{ id?: unknown; file?: unknown }>;
  if (existing.some((s) => String(s.id).toLowerCase() === id.toLowerCase()))
    throw new AddReportError(`id "${id}" is already used in ${KNOWLEDGE_FILES.sources} (choose another with --id)`);
  const target = path.join(dir, entry.data.file);
  if (existsSync(target)) throw new AddReportError(`${target} already exists (choose another --id)`);

  // The copy first, then sources.yaml replaced whole; undone if the store does not load.
  copyFileSync(report.file, target);
  const addition = YAML.stringify([entry.data], { lineWidth: 0 });
  const staged = `${sourcesFile}.adding`;
  writeFileSync(staged, `${before.replace(/\s*$/, "\n")}${addition}`);
  renameSync(staged, sourcesFile);
  try {
    const store = loadKnowledge(dir);
    const source = store.sources.find((s) => s.id === id);
    if (!source) throw new AddReportError(`${id} did not load`);
    return { store, source };
  } catch (error) {
    writeFileSync(sourcesFile, before);
    rmSync(target, { force: true });
    if (error instanceof AddReportError) throw error;
    throw new AddReportError(`the store would not load with it, so nothing was added: ${(error as Error).message}`);
  }
}
