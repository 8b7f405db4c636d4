/**
 * `npm run bench:reports [-- --sizes 10,100,1000]`: stores of many uncurated reports of 30
 * sentences each, written to a temporary folder as a curator's `knowledge:add` would leave them
 * (the shipped store plus N generated reports, a day apart). For each size: the time to load the
 * store and build the engine, the memory it takes, and ms per question (median, p99) over the dev
 * questions. Sentences are made of the article's own sentences with invented names and numbers
 * swapped in, so that each report reads like a report and names things of its own.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createFactdesk } from "../src/engine/factdesk.ts";
import { readQuestionSet } from "../src/evaluation/evaluate.ts";
import { EVAL_DIR } from "../src/evaluation/questionSets.ts";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "../src/knowledge/loadKnowledge.ts";
import { random } from "./syntheticStore.ts";

const { values } = parseArgs({ options: { sizes: { type: "string" }, questions: { type: "string" } } });
const sizes = (values.sizes ?? "10,100,1000").split(",").map(Number);
const questionCount = Number(values.questions ?? 500);

const article = loadKnowledge().sources[0];
if (!article) throw new Error("the shipped store has no report");
const sentences = article.sentences.map((s) => s.text);
const NAMES = ["Hama", "Homs", "Aleppo", "Damascus", "Latakia", "Assad", "Hezbollah", "Russia", "Iran"];
const SYLLABLES = ["ka", "ri", "mo", "sa", "tel", "dun", "vor", "pha", "lin", "qu", "est", "bar", "zon"];

function report(index: number, next: () => number): string {
  const name = () =>
    Array.from({ length: 3 }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)] ?? "ka").join("");
  const town = name().replace(/^./, (c) => c.toUpperCase());
  const lines = Array.from({ length: 30 }, () => {
    let text = sentences[Math.floor(next() * sentences.length)] ?? "";
    for (const n of NAMES) if (next() < 0.5) text = text.split(n).join(town);
    return text.replace(/\d+/g, () => String(Math.floor(next() * 500)));
  });
  const date = new Date(Date.UTC(2024, 11, 6) + index * 86_400_000).toISOString().slice(0, 10);
  return ` date ${date} Fighters near ${town} (Bench Photographer/AP)\n\n${lines.join("\n\n")}\n`;
}

function storeOf(size: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "factdesk-reports-"));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  const next = random(42);
  let sources = readFileSync(path.join(dir, "sources.yaml"), "utf8").replace(/\s*$/, "\n");
  for (let i = 0; i < size; i++) {
    const id = `bench-${i}`;
    const text = report(i, next);
    writeFileSync(path.join(dir, `${id}.txt`), text);
    const date = /date (\S+)/.exec(text)?.[1] ?? "2024-12-06";
    sources += `- id: ${id}\n  file: ${id}.txt\n  publisher: Bench\n  date: ${date}\n  title: Bench report ${i}\n`;
  }
  writeFileSync(path.join(dir, "sources.yaml"), sources);
  return dir;
}

const set = readQuestionSet(path.join(EVAL_DIR, "dev.yaml"));
const questions = [...set.answerable.map((a) => a.q), ...set.out_of_scope.map((o) => o.q)].slice(
  0,
  questionCount,
);
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const out = (line: string) => process.stdout.write(`${line}\n`);

out(`${questions.length} dev questions a store, after a warm-up pass; Node ${process.version}`);
out(
  "| reports | sentences | load store | build engine | memory (heap) | median (ms/question) | p99 (ms/question) |",
);
out("| --- | --- | --- | --- | --- | --- | --- |");
for (const size of sizes) {
  const dir = storeOf(size);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const store = loadKnowledge(dir);
  const loadMs = performance.now() - t;
  t = performance.now();
  const factdesk = createFactdesk(store);
  const buildMs = performance.now() - t;
  for (const q of questions) factdesk.answer(q);
  const samples = questions.map((q) => {
    const start = process.hrtime.bigint();
    factdesk.answer(q);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  samples.sort((a, b) => a - b);
  // What the store and engine keep, not the garbage their building left.
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const sentenceCount = store.sources.reduce((n, s) => n + s.sentences.length, 0);
  out(
    `| ${size + 1} | ${sentenceCount} | ${(loadMs / 1000).toFixed(2)} s | ${(buildMs / 1000).toFixed(2)} s | ${heapMb.toFixed(0)} MB | ${quantile(samples, 0.5).toFixed(3)} | ${quantile(samples, 0.99).toFixed(2)} |`,
  );
  rmSync(dir, { recursive: true, force: true });
}
