/**
 * `npm run bench`: times the answer engine in one run beside two baselines over the article's
 * sentences (plain fuse.js and plain BM25 with minisearch), then on synthetic stores of growing
 * size. Reports index build time and per-question median and p99, and top-1 accuracy of each
 * on the dev question set. The README's speed table is copied from this output.
 */
import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { createFactdesk } from "../src/engine/factdesk.ts";
import { loadKnowledge } from "../src/knowledge/loadKnowledge.ts";
import { readQuestionSet } from "../src/evaluation/evaluate.ts";
import { syntheticStore } from "./syntheticStore.ts";

const REPEATS = 5;
const store = loadKnowledge();
const set = readQuestionSet(new URL("../eval/dev.yaml", import.meta.url).pathname);
const questions = [...set.answerable.map((a) => a.q), ...set.out_of_scope.map((o) => o.q)];
const sentences = store.sources.flatMap((s) => s.sentences.map((x) => ({ id: x.number, text: x.text })));

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Times `answer` over every question, REPEATS times after one warm-up pass; returns ms per question. */
function time(answer: (q: string) => unknown): { median: number; p99: number } {
  for (const q of questions) answer(q);
  const samples: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const q of questions) {
      const start = process.hrtime.bigint();
      answer(q);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

function build<T>(make: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = make();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Top-1 on answerable dev questions for a baseline that returns a sentence text (no refusals). */
function top1(answer: (q: string) => string | undefined): string {
  const right = set.answerable.filter((a) => {
    const text = answer(a.q) ?? "";
    return a.expect.some((e) => text.includes(e));
  }).length;
  return `${((100 * right) / set.answerable.length).toFixed(1)}%`;
}

const header = [
  "",
  "facts",
  "build (ms)",
  "median (ms/question)",
  "p99 (ms/question)",
  "dev top-1 (baselines never refuse)",
];
const widths = [44, 7, 10, 20, 17, 34];
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
process.stdout.write(
  [
    `${questions.length} dev questions × ${REPEATS} runs after a warm-up; Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    "",
  ].join("\n"),
);
const add = (
  name: string,
  facts: number,
  buildMs: number,
  t: { median: number; p99: number },
  accuracy: string,
) =>
  process.stdout.write(
    `${line([name, String(facts), buildMs.toFixed(1), t.median.toFixed(3), t.p99.toFixed(3), accuracy])}\n`,
  );

// Baselines over the article's sentences.
const fuse = build(() => new Fuse(sentences, { keys: ["text"], includeScore: true, ignoreLocation: true }));
add(
  "fuse.js over sentences (baseline)",
  sentences.length,
  fuse.ms,
  time((q) => fuse.value.search(q, { limit: 1 })),
  top1((q) => fuse.value.search(q, { limit: 1 })[0]?.item.text),
);
const bm25 = build(() => {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], storeFields: ["text"] });
  index.addAll(sentences);
  return index;
});
add(
  "BM25 over sentences (baseline)",
  sentences.length,
  bm25.ms,
  time((q) => bm25.value.search(q)),
  top1((q) => bm25.value.search(q)[0]?.text as string | undefined),
);

// The engine on the shipped store.
const engine = build(() => createFactdesk(store));
const answered = (q: string) => {
  const reply = engine.value.answer(q);
  return reply.kind === "answer" ? reply.citations[0]?.sentence.text : undefined;
};
add(
  "factdesk engine (shipped store)",
  store.facts.length,
  engine.ms,
  time((q) => engine.value.answer(q)),
  top1(answered),
);

// Growth with store size.
for (const size of [1_000, 10_000, 100_000]) {
  const big = syntheticStore(store, size);
  const built = build(() => createFactdesk(big));
  add(
    `factdesk engine (+${size.toLocaleString("en")} synthetic facts)`,
    big.facts.length,
    built.ms,
    time((q) => built.value.answer(q)),
    "—",
  );
}
