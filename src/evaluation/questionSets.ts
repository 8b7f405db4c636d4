/** The question sets of eval/sets.yaml, with how each was made. */
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { projectPath } from "../project/projectRoot.ts";

export const EVAL_DIR = projectPath("eval");

const manifest = z.array(
  z.strictObject({
    file: z.string(),
    role: z.enum(["dev", "watched", "blind"]),
    made: z.string(),
    /** Reports of eval/reports/ added, uncurated, to the store the set is asked on. */
    reports: z.array(z.string()).default([]),
  }),
);
export type SetEntry = z.infer<typeof manifest>[number] & { path: string };

export function questionSets(dir: string = EVAL_DIR): SetEntry[] {
  return manifest
    .parse(YAML.parse(readFileSync(path.join(dir, "sets.yaml"), "utf8")))
    .map((entry) => ({ ...entry, path: path.join(dir, entry.file) }));
}
