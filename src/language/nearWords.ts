/**
 * Words used like a word (language/near-words.json, derived from word vectors by
 * `npm run language:near-words`): "choppers" → helicopters, "kremlin" → moscow. A question's word
 * the reports never use may still speak of what a sentence says in its near words — weakly, since
 * a near word can be a sibling or an opposite ("closed" → opened).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { LANGUAGE_DIR } from "./englishLanguage.ts";

const NEAR_WORDS_FILE = path.join(LANGUAGE_DIR, "near-words.json");

const nearWordsSchema = z.object({
  source: z.string(),
  words: z.number(),
  nearFrom: z.number(),
  minSimilarity: z.number(),
  near: z.record(z.string(), z.array(z.string())),
});

let cached: ReadonlyMap<string, readonly string[]> | null = null;

/** The near words of a folded word, most similar first; none for a word the file does not hold. */
export function nearWords(word: string): readonly string[] {
  if (cached === null) {
    const parsed = nearWordsSchema.safeParse(JSON.parse(readFileSync(NEAR_WORDS_FILE, "utf8")));
    if (!parsed.success)
      throw new Error(`${NEAR_WORDS_FILE}: ${parsed.error.issues[0]?.message ?? "is invalid"}`);
    cached = new Map(Object.entries(parsed.data.near));
  }
  return cached.get(word) ?? [];
}
