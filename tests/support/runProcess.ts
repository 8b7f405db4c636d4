/** Runs the project's entry points as real processes, from an empty folder (so no stray .env is read). */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TSX = import.meta.resolve("tsx");
const EMPTY_DIR = mkdtempSync(path.join(tmpdir(), "factdesk-cwd-"));

/** The environment without anything of factdesk's or Discord's, plus `env`. */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DISCORD_|FACTDESK_|LOG_LEVEL|SHARD|SHARDS|SHARD_COUNT|SHARDING_MANAGER)/.test(k),
    ),
  );
  return { ...base, ...env };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `src/<entry>` with tsx; stdin is a pipe (not a terminal). */
export function startEntry(
  entry: string,
  args: string[] = [],
  env: Record<string, string> = {},
): ChildProcess & { output: () => Finished } {
  return startNode(["--import", TSX, path.join(PROJECT_DIR, "src", entry), ...args], { env });
}

/** Starts Node with `args` (a bundle, bin/factdesk.mjs…) in `cwd`, in a clean environment plus `env`, its output kept. */
export function startNode(
  args: string[],
  { cwd = EMPTY_DIR, env = {} }: { cwd?: string; env?: Record<string, string> } = {},
): ChildProcess & { output: () => Finished } {
  const child = spawn(process.execPath, args, { cwd, env: cleanEnv(env), stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  return Object.assign(child, { output: () => ({ code: child.exitCode, stdout, stderr }) });
}

/** Runs an entry to completion, feeding `input` on stdin. */
export function runEntry(
  entry: string,
  args: string[] = [],
  env: Record<string, string> = {},
  input = "",
): Promise<Finished> {
  const child = startEntry(entry, args, env);
  child.stdin?.end(input);
  return new Promise((resolve) => child.on("close", (code) => resolve({ ...child.output(), code })));
}

/** Waits until `predicate` holds for the process's output so far. */
export async function waitForOutput(
  child: { output: () => Finished },
  predicate: (o: Finished) => boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const start = Date.now();
  while (!predicate(child.output())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for output; got:\n${JSON.stringify(child.output())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
