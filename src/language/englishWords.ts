/** The English word list (word-list, ~274,000 words) that tells a misspelling from a real word. */
import { readFileSync } from "node:fs";
import wordListPath from "word-list";

let cached: ReadonlySet<string> | null = null;

export function englishWords(): ReadonlySet<string> {
  cached ??= new Set(readFileSync(wordListPath, "utf8").split("\n"));
  return cached;
}
