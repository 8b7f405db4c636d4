/**
 * `npm run knowledge:add -- FILE --publisher P --date YYYY-MM-DD --title T [--url U] [--id ID]`:
 * adds a report to the knowledge folder (FACTDESK_KNOWLEDGE_DIR, default knowledge/) and prints
 * its numbered sentences and captions. Exit 2 with one line, and nothing written, when it cannot.
 */
import { parseArgs } from "node:util";
import { ConfigError, loadDotenv, readEngineConfig } from "../ops/config.ts";
import { AddReportError, addReport } from "../knowledge/addReport.ts";
import { exitQuietlyWhenOutputCloses } from "./closedPipe.ts";

const USAGE =
  "Usage: npm run knowledge:add -- FILE --publisher P --date YYYY-MM-DD --title T [--url U] [--id ID]";

loadDotenv();
exitQuietlyWhenOutputCloses();
const fail = (message: string) => {
  process.stderr.write(`factdesk: ${message}\n`);
  process.exitCode = 2;
};
try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      publisher: { type: "string" },
      date: { type: "string" },
      title: { type: "string" },
      url: { type: "string" },
      id: { type: "string" },
    },
  });
  const [file, ...extra] = positionals;
  const missing = (["publisher", "date", "title"] as const).find((k) => values[k] === undefined);
  if (file === undefined || extra.length > 0 || missing !== undefined)
    fail(missing ? `--${missing} is required. ${USAGE}` : USAGE);
  else {
    const dir = readEngineConfig().knowledgeDir;
    const { source } = addReport(dir, {
      file,
      publisher: values.publisher ?? "",
      date: values.date ?? "",
      title: values.title ?? "",
      url: values.url,
      id: values.id,
    });
    const out = (line = "") => process.stdout.write(`${line}\n`);
    out(
      `added ${source.id} (${source.publisher}, ${source.date}): ${source.sentences.length} sentences, ${source.captions.length} captions`,
    );
    out(`the bot answers from it now; to curate it: npm run knowledge:draft -- ${source.id}`);
    out();
    for (const s of source.sentences) out(`${s.id}  (paragraph ${s.paragraph})  ${s.text}`);
    for (const c of source.captions) out(`${c.id}  caption  ${c.text}  (${c.credit})`);
  }
} catch (error) {
  if (error instanceof AddReportError || error instanceof ConfigError) fail(error.message);
  else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
    fail(`${error.message}. ${USAGE}`);
  else throw error;
}
