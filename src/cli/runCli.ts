/**
 * The shared shape of the terminal commands (`npm run ask`, `npm run city`): one input from
 * the arguments, or `--batch` lines from standard input; text for a person, or `--json`.
 * Exit status: 0 on success, 2 on a usage or knowledge error (one line on stderr).
 */
import { createInterface } from "node:readline";
import { KnowledgeError } from "../knowledge/loadKnowledge.ts";
import { ConfigError } from "../ops/config.ts";
import { exitQuietlyWhenOutputCloses } from "./closedPipe.ts";

export interface CliCommand<R> {
  /** e.g. `npm run --silent ask -- "<question>"`. */
  usage: string;
  /** Builds what the command needs (the engine) once: how to answer an input, and how to show it to a person. */
  setup: () => { run: (input: string) => R; renderText: (result: R) => string };
  renderJson: (result: R) => unknown;
  /** With `--explain`: how the result was decided, as text (the decision trace). */
  explain?: (result: R) => string;
}

export async function runCli<R>(
  command: CliCommand<R>,
  argv: string[] = process.argv.slice(2),
): Promise<number> {
  exitQuietlyWhenOutputCloses();
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const words = argv.filter((a) => !a.startsWith("--"));
  const allowed = ["--json", "--batch", "--help", ...(command.explain ? ["--explain"] : [])];
  const unknownFlag = [...flags].find((f) => !allowed.includes(f));
  const fail = (message: string) => {
    process.stderr.write(`${message}\n`);
    return 2;
  };
  if (flags.has("--help")) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  if (unknownFlag) return fail(`Unknown option ${unknownFlag}. ${command.usage}`);
  const batch = flags.has("--batch");
  const json = flags.has("--json") || batch;
  const input = words.join(" ");
  if (!batch && input.trim() === "") return fail(`Nothing to look up. ${command.usage}`);

  let run: (input: string) => R;
  let renderText: (result: R) => string;
  try {
    ({ run, renderText } = command.setup());
  } catch (error) {
    if (error instanceof KnowledgeError || error instanceof ConfigError)
      return fail(`factdesk: ${error.message}`);
    throw error;
  }
  const explain = flags.has("--explain") ? command.explain : undefined;
  const render = (result: R) =>
    (json ? JSON.stringify(command.renderJson(result)) : renderText(result)) +
    (explain ? `\n\n${explain(result)}` : "");

  if (!batch) {
    process.stdout.write(`${render(run(input))}\n`);
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    process.stdout.write(`${render(run(line))}\n`);
  }
  return 0;
}
