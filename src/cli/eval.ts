/**
 * `npm run eval`: answer quality on every question set of eval/sets.yaml, on the curated store
 * and on the bare store (its reports only), and the reliability table (of answers shown at
 * about a confidence, the share right). `-- --file F [--verbose] [--reports ID,…]` runs one set
 * (on the store with those eval reports added) and lists its failures, each with its cause;
 * `--diagnose` counts the answerable misses by cause (missCause); `--bare` uses the bare store.
 * The README's figures are copied from this output.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { createFactdesk, type Factdesk } from "../engine/factdesk.ts";
import { storeWith } from "../evaluation/evaluationStores.ts";
import {
  evaluate,
  percent,
  readQuestionSet,
  reliability,
  type EvalResult,
  type Shown,
} from "../evaluation/evaluate.ts";
import { EVAL_DIR, questionSets } from "../evaluation/questionSets.ts";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "../knowledge/loadKnowledge.ts";

const args = process.argv.slice(2);
const out = (line = "") => process.stdout.write(`${line}\n`);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** The engine over the shipped store (or its bare copy) with a set's extra reports added, built once each. */
const engines = new Map<string, Factdesk>();
const factdeskFor = (reports: readonly string[], bare: boolean): Factdesk => {
  const key = `${bare}:${reports.join(",")}`;
  let factdesk = engines.get(key);
  if (!factdesk) {
    factdesk = createFactdesk(
      loadKnowledge(storeWith(DEFAULT_KNOWLEDGE_DIR, path.join(EVAL_DIR, "reports"), reports, bare)),
    );
    engines.set(key, factdesk);
  }
  return factdesk;
};

const row = (name: string, r: EvalResult) =>
  `| ${name} | ${r.answerable.total} | ${percent(r.answerable.correct, r.answerable.total)} | ${r.answerable.clarified} | ${r.answerable.wrong} | ${r.outOfScope.total} | ${percent(r.outOfScope.refused, r.outOfScope.total)} | ${r.shown.filter((s) => s.confidence >= 0.9 && !s.right).length}/${r.shown.filter((s) => s.confidence >= 0.9).length} | ${r.places.total === 0 ? "–" : percent(r.places.correct, r.places.total)} |`;
const HEADER = [
  "| set | answerable | right first quote | asked back | wrong | out of scope | refused | wrong at ≥0.9 | places |",
  "|---|---|---|---|---|---|---|---|---|",
];

function reliabilityTable(title: string, shown: readonly Shown[]) {
  out(`${title}`);
  out("| confidence shown | answers | right |");
  out("|---|---|---|");
  for (const bin of reliability(shown))
    if (bin.shown > 0)
      out(
        `| ${bin.from.toFixed(2)}–${bin.to.toFixed(2)} | ${bin.shown} | ${percent(bin.right, bin.shown)} |`,
      );
}

const file = option("--file");
if (file !== undefined && !existsSync(path.resolve(file))) {
  process.stderr.write(
    `factdesk: --file ${file}: no such question set (the sets are in eval/, e.g. --file eval/dev.yaml)\n`,
  );
  process.exit(2);
}
if (file !== undefined) {
  const reports =
    option("--reports")
      ?.split(",")
      .filter((r) => r !== "") ?? [];
  const factdesk = factdeskFor(reports, args.includes("--bare"));
  const result = evaluate(factdesk, readQuestionSet(path.resolve(file)), reports);
  if (args.includes("--verbose")) {
    for (const f of result.failures)
      out(
        `MISS [${f.section}] ${JSON.stringify(f.question)}\n  expected: ${f.expected}\n  got:      ${f.got}${f.cause ? `\n  cause:    ${f.cause}` : ""}`,
      );
    out();
  }
  if (args.includes("--diagnose")) {
    // The answerable misses by cause, the most common first.
    const causes = new Map<string, number>();
    for (const f of result.failures) if (f.cause) causes.set(f.cause, (causes.get(f.cause) ?? 0) + 1);
    out("answerable misses by cause:");
    for (const [cause, count] of [...causes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
      out(`${String(count).padStart(5)}  ${cause}`);
    out();
  }
  const { answerable, outOfScope, places } = result;
  out(
    `question set: ${path.relative(process.cwd(), path.resolve(file))}${args.includes("--bare") ? " (bare store)" : ""}`,
  );
  out(
    `by style: ${Object.entries(answerable.byStyle)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([style, s]) => `${style} ${s.correct}/${s.total}`)
      .join(", ")}`,
  );
  out(
    `answerable top-1 accuracy: ${percent(answerable.correct, answerable.total)} (${answerable.correct}/${answerable.total}; asked back ${answerable.clarified}, ${answerable.clarifiedWithRight} offering the right one; wrong ${answerable.wrong})`,
  );
  out(
    `out-of-scope refused: ${percent(outOfScope.refused, outOfScope.total)} (${outOfScope.refused}/${outOfScope.total}; naming the article's people or places: ${outOfScope.namingEntity.refused}/${outOfScope.namingEntity.total})`,
  );
  out(`place lookups right: ${percent(places.correct, places.total)} (${places.correct}/${places.total})`);
  out(`citations not verbatim: ${result.nonVerbatim}`);
  const wrongHigh = result.shown.filter((s) => s.confidence >= 0.9 && !s.right).length;
  out(
    `wrong answers at confidence ≥ 0.9: ${wrongHigh} of ${result.shown.filter((s) => s.confidence >= 0.9).length}`,
  );
} else {
  const sets = questionSets();
  const heldOut: Shown[] = [];
  let devShown: Shown[] = [];
  for (const [label, bare] of [
    ["Curated store (with each set's extra reports added uncurated)", false],
    ["Bare store (reports only, no curation)", true],
  ] as const) {
    out(`${label}`);
    HEADER.forEach((h) => out(h));
    for (const set of sets) {
      const result = evaluate(factdeskFor(set.reports, bare), readQuestionSet(set.path), set.reports);
      out(row(`${set.file} (${set.role})`, result));
      if (!bare) {
        if (set.role === "dev") devShown = [...devShown, ...result.shown];
        else heldOut.push(...result.shown);
      }
    }
    out();
  }
  reliabilityTable("Reliability, dev set (fitted on it)", devShown);
  out();
  reliabilityTable("Reliability, every other set (not fitted on)", heldOut);
}
