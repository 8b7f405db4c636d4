/**
 * `npm run eval [-- --verbose] [-- --file other.yaml]`: prints answer quality on the dev
 * question set. The README's "Measured quality" table is copied from this output.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createFactdesk } from "../../src/engine/factdesk.ts";
import { evaluate, percent, readQuestionSet } from "./evaluate.ts";

const args = process.argv.slice(2);
const fileArg = args.indexOf("--file");
const file =
  fileArg >= 0 && args[fileArg + 1]
    ? path.resolve(args[fileArg + 1] ?? "")
    : path.join(path.dirname(fileURLToPath(import.meta.url)), "devQuestions.yaml");

const result = evaluate(createFactdesk(), readQuestionSet(file));
const { answerable, outOfScope, places } = result;
const out = (line = "") => process.stdout.write(`${line}\n`);

if (args.includes("--verbose")) {
  for (const f of result.failures)
    out(`MISS [${f.section}] ${JSON.stringify(f.question)}\n  expected: ${f.expected}\n  got:      ${f.got}`);
  out();
}
out(`question set: ${path.relative(process.cwd(), file)}`);
out(
  `by style: ${Object.entries(answerable.byStyle)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([style, s]) => `${style} ${s.correct}/${s.total}`)
    .join(", ")}`,
);
out(
  `answerable top-1 accuracy: ${percent(answerable.correct, answerable.total)} (${answerable.correct}/${answerable.total})`,
);
out(
  `out-of-scope refused: ${percent(outOfScope.refused, outOfScope.total)} (${outOfScope.refused}/${outOfScope.total}; naming the article's people or places: ${outOfScope.namingEntity.refused}/${outOfScope.namingEntity.total})`,
);
out(`place lookups right: ${percent(places.correct, places.total)} (${places.correct}/${places.total})`);
out(`citations not verbatim: ${result.nonVerbatim}`);
