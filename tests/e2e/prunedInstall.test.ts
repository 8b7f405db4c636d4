/**
 * A pruned production install, as a clean clone gets it: the tracked files copied to a folder
 * of their own, `npm ci && npm run build && npm prune --omit=dev`, then `node bin/factdesk.mjs
 * main` there. The dev tools (tsx, TypeScript, vitest, esbuild) are gone, so the bot starts only
 * if the bundle and the production dependencies hold everything it needs at run time; it
 * connects to the emulator, answers a question and drains on SIGTERM.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoopbackDiscord } from "@factdesk/loopback-discord";
import { commands } from "../../commands/index.ts";
import { deployToLoopback } from "../../src/playground/startLocalBot.ts";
import { PROJECT_DIR, startNode, waitForOutput } from "../support/runProcess.ts";

const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund"];
// The install's own folder, outside the checkout (no node_modules above it to fall back on).
let COPY = "";
const servers: LoopbackDiscord[] = [];

/** npm's environment: vitest's NODE_ENV=test dropped, so `npm ci` installs the dev tools too. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_ENV;
  return env;
}

/** Runs npm in the copy; a failure carries npm's own output. */
function npm(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      "npm",
      args,
      { cwd: COPY, env: npmEnv(), timeout: 150_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`npm ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`))
          : resolve(),
    );
  });
}

/** The newest modification time of the files below one of the copy's folders. */
function newestBelow(folder: string): number {
  return readdirSync(path.join(COPY, folder), { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .reduce((latest, f) => Math.max(latest, statSync(path.join(f.parentPath, f.name)).mtimeMs), 0);
}

const timings: Record<string, number> = {};
async function timed(step: string, run: () => Promise<void> | void): Promise<void> {
  const start = performance.now();
  await run();
  timings[step] = Math.round(performance.now() - start);
}

beforeAll(async () => {
  COPY = mkdtempSync(path.join(tmpdir(), "factdesk-pruned-"));
  await timed("copy", () => {
    // What a clean clone holds: the tracked files (as they are in the working tree).
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: PROJECT_DIR, encoding: "utf8" })
      .split("\0")
      .filter((f) => f && existsSync(path.join(PROJECT_DIR, f)));
    for (const file of tracked) {
      mkdirSync(path.dirname(path.join(COPY, file)), { recursive: true });
      copyFileSync(path.join(PROJECT_DIR, file), path.join(COPY, file));
    }
  });
  await timed("npm ci", () => npm(["ci", ...NPM_FLAGS]));
  await timed("npm run build", () => npm(["run", "build"]));
  await timed("npm prune", () => npm(["prune", "--omit=dev", ...NPM_FLAGS]));
}, 300_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  if (COPY) rmSync(COPY, { recursive: true, force: true });
  process.stdout.write(`pruned install: ${JSON.stringify(timings)} ms\n`);
});

describe("a pruned production install (npm ci && npm run build && npm prune --omit=dev)", () => {
  it("keeps the production dependencies and the bundle, and drops the dev tools", () => {
    for (const kept of ["discord.js", "pino", "@factdesk/loopback-discord", "@resvg/resvg-js"])
      expect(existsSync(path.join(COPY, "node_modules", kept, "package.json")), kept).toBe(true);
    for (const dropped of ["typescript", "vitest", "tsx", "esbuild", "eslint", "prettier"])
      expect(existsSync(path.join(COPY, "node_modules", dropped)), dropped).toBe(false);
    // Nor can tsx be found from the copy anywhere else (a node_modules above it).
    const tsx = spawnSync(process.execPath, ["--input-type=module", "-e", "await import('tsx/esm/api')"], {
      cwd: COPY,
      encoding: "utf8",
    });
    expect(tsx.status).not.toBe(0);
    expect(tsx.stderr).toContain("ERR_MODULE_NOT_FOUND");
    // The bundle is newer than every source bin/factdesk.mjs compares it with, so it runs.
    const bundle = statSync(path.join(COPY, "dist", "main.js")).mtimeMs;
    for (const folder of ["src", "commands", "packages"]) expect(newestBelow(folder)).toBeLessThan(bundle);
  });

  it("starts the bot against the emulator, answers /ask and exits 0 on SIGTERM", async () => {
    const server = await LoopbackDiscord.start();
    servers.push(server);
    await deployToLoopback(server, commands);
    const start = performance.now();
    const bot = startNode(["bin/factdesk.mjs", "main"], {
      cwd: COPY,
      env: {
        DISCORD_TOKEN: server.token,
        DISCORD_API_URL: server.restBase,
        LOG_LEVEL: "info",
        NODE_ENV: "production",
      },
    });
    try {
      await waitForOutput(bot, (o) => o.stderr.includes('"msg":"ready"'));
      timings["bot ready"] = Math.round(performance.now() - start);
      // The bundle ran, not the sources (which would need tsx).
      expect(bot.output().stderr).not.toContain("running the sources");
      const message = await server
        .sendInteraction({
          kind: "slash",
          name: "ask",
          options: { question: "how far is Homs from Hama?" },
          user: { id: "300000000000009101", username: "pruned-reader" },
        })
        .waitForFinalMessage();
      expect(message.embeds[0]?.description).toContain(
        "Homs is about 40 kilometres (25 miles) south of Hama.",
      );
      const exited = new Promise<number | null>((resolve) => bot.on("close", resolve));
      bot.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (bot.exitCode === null && bot.signalCode === null) bot.kill("SIGKILL");
    }
  }, 60_000);
});
