/**
 * The project's folder, found from wherever this module runs (the sources under `src/`, or the
 * bundle in `dist/`): the nearest folder above holding factdesk's package.json. The data
 * folders (`language/`, `knowledge/`, `eval/`) are read from it.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "factdesk"
    )
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`factdesk's package.json is in no folder above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path below the project's folder. */
export const projectPath = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
