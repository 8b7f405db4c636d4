/**
 * A synthetic knowledge store of N generated facts, for measuring how the engine's cost grows
 * with the store's size. Facts cite the real article's sentences (so the store still
 * validates) and use a Zipf-like vocabulary: a few thousand invented words plus the
 * article's own, so that postings lists and the spelling vocabulary grow as a real store's would.
 */
import type { AnswerType, Fact, KnowledgeStore } from "../src/knowledge/loadKnowledge.ts";
import { ANSWER_TYPES } from "../src/knowledge/knowledgeSchema.ts";

/** A small deterministic PRNG (mulberry32), so every run measures the same store. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  "ka",
  "ri",
  "mo",
  "sa",
  "tel",
  "dun",
  "vor",
  "pha",
  "lin",
  "qu",
  "est",
  "bar",
  "zon",
  "ith",
  "ul",
  "gra",
];

export function syntheticStore(base: KnowledgeStore, size: number, seed = 42): KnowledgeStore {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const inventedCount = Math.min(20_000, Math.max(500, Math.round(size / 5)));
  const invented = Array.from({ length: inventedCount }, (_, i) => {
    let word = "";
    for (let n = 0, k = i + 1; n < 3 || k > 0; n++, k = Math.floor(k / SYLLABLES.length))
      word += SYLLABLES[k % SYLLABLES.length];
    return word;
  });
  const articleWords = base.sources.flatMap((s) =>
    s.sentences.flatMap((x) => x.text.toLowerCase().match(/[a-z]+/g) ?? []),
  );
  // Zipf-like: low ranks far more often than high ones.
  const zipf = () => invented[Math.floor(inventedCount * next() ** 3)] as string;
  const word = () => (next() < 0.3 ? pick(articleWords) : zipf());
  const phrase = (n: number) => Array.from({ length: n }, word).join(" ");
  const sentences = base.sources.flatMap((s) => s.sentences.map((sentence) => ({ source: s, sentence })));

  const facts: Fact[] = Array.from({ length: size }, (_, i) => {
    const cited = pick(sentences);
    return {
      id: `synthetic-${i}`,
      headline: phrase(4),
      answers: [pick<AnswerType>(ANSWER_TYPES)],
      questions: Array.from(
        { length: 4 },
        () => `${pick(["what", "who", "when", "why", "how"])} ${phrase(5)}?`,
      ),
      keywords: Array.from({ length: 3 }, () => phrase(1)),
      answerNames: [],
      citations: [
        { source: cited.source, sentence: cited.sentence, quote: cited.sentence.text.slice(0, 20) },
      ],
      curated: true,
    };
  });
  const all = [...base.facts, ...facts];
  return { ...base, facts: all, factById: new Map(all.map((f) => [f.id, f])) };
}
