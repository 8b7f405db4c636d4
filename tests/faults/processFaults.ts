/**
 * The bot as `npm start` runs it, a real process (src/main.ts with DISCORD_TOKEN): SIGTERM
 * while replies are in flight (each is delivered, then exit 0), and the token revoked
 * mid-session (one line naming the problem, exit 2; interaction replies in flight, which need
 * no bot token, are still delivered).
 */
import type { ChildProcess } from "node:child_process";
import { LoopbackDiscord } from "@factdesk/loopback-discord";
import { commands } from "../../commands/index.ts";
import { deployToLoopback } from "../../src/playground/startLocalBot.ts";
import { startEntry, waitForOutput, type Finished } from "../support/runProcess.ts";
import { newUser } from "../support/startTestBot.ts";
import { runningLedgers, type FaultCase } from "./harness.ts";
import { Ledger, crashesInLogs, sleep, type FaultRow } from "./ledger.ts";

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
const CHANNEL_MESSAGES = /^\/channels\/\d+\/messages$/;
const WEBHOOK_EDIT = /^\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/;

type BotProcess = ChildProcess & { output: () => Finished };

/** Bot processes not yet exited: a row that stops half-way kills its own. */
const running = new Set<BotProcess>();

/** Starts `npm start`'s entry against the server and waits until it is ready. */
async function startBotProcess(server: LoopbackDiscord): Promise<BotProcess> {
  const bot = startEntry("main.ts", [], {
    DISCORD_TOKEN: server.token,
    DISCORD_API_URL: server.restBase,
    LOG_LEVEL: "info",
  });
  running.add(bot);
  bot.once("close", () => running.delete(bot));
  await waitForOutput(bot, (o) => o.stderr.includes('"msg":"ready"'), 60_000);
  return bot;
}

/** The exit code, or null (and the process killed) when it has not exited within `timeoutMs`. */
function exitOf(bot: BotProcess, timeoutMs = 30_000): Promise<number | null> {
  return new Promise((resolve) => {
    if (bot.exitCode !== null) return resolve(bot.exitCode);
    const timer = setTimeout(() => {
      bot.kill("SIGKILL");
      resolve(null);
    }, timeoutMs);
    bot.once("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Waits until the bot has sent `n` reply requests matching `patterns` since request `since`. */
async function repliesInFlight(server: LoopbackDiscord, since: number, patterns: RegExp[], n: number) {
  const deadline = Date.now() + 15_000;
  const replies = () =>
    server.requests
      .slice(since)
      .filter(
        (request) => request.method !== "GET" && patterns.some((pattern) => pattern.test(request.route)),
      );
  while (replies().length < n && Date.now() < deadline) await sleep(20);
  return replies().filter((request) => request.respondedAt === null).length;
}

/**
 * `n` questions, each whose reply is the only request of its channel or interaction (so every
 * reply is on the wire at once, none queued behind another): /ask and /city in both servers
 * and DMs (some hidden), DMs, and one mention in each server.
 */
function askSpread(ledger: Ledger, n: number): void {
  const guilds = ledger.server.guilds;
  for (const guild of guilds)
    ledger.message({ content: "who backs the SNA?", mentionBot: true, guildId: guild.id, author: newUser() });
  for (let i = guilds.length; i < n; i++) {
    const user = newUser();
    const guildId = guilds[i % guilds.length]!.id;
    if (i % 4 === 0) ledger.message({ content: "what is HTS?", dm: true, author: user });
    else if (i % 4 === 1)
      ledger.interaction({
        kind: "slash",
        name: "ask",
        options: { question: "where is Hama?" },
        user,
        guildId,
      });
    else if (i % 4 === 2)
      ledger.interaction({ kind: "slash", name: "city", options: { name: "Homs" }, user, dm: true });
    else
      ledger.interaction({
        kind: "slash",
        name: "ask",
        options: { question: "who leads the offensive?", hide: true },
        user,
        guildId,
      });
  }
}

/**
 * A row of processes: `body` gets a fresh server (and its ledger) from `newServer` as often as
 * it needs one (a revoked token stays revoked); every ledger is counted and the counts summed.
 */
async function processRow(
  fault: string,
  body: (newServer: () => Promise<Ledger>, logs: string[]) => Promise<void>,
): Promise<FaultRow> {
  const started = Date.now();
  const logs: string[] = [];
  const ledgers: Ledger[] = [];
  const newServer = async () => {
    const ledger = new Ledger(await LoopbackDiscord.start());
    ledgers.push(ledger);
    runningLedgers.add(ledger);
    return ledger;
  };
  const notes: string[] = [];
  let stopped = 0;
  try {
    await body(newServer, logs);
  } catch (error) {
    stopped = 1;
    notes.push(`crash: the row stopped: ${error instanceof Error ? error.message : String(error)}`);
    for (const bot of running) bot.kill("SIGKILL");
  }
  const row: FaultRow = {
    fault,
    inputs: 0,
    crashes: stopped + crashesInLogs(logs, notes),
    pings: 0,
    limitViolations: 0,
    lost: 0,
    duplicated: 0,
    problems: 0,
    notes,
    observations: [],
    ms: 0,
  };
  for (const ledger of ledgers) {
    runningLedgers.delete(ledger);
    await ledger.waitForReplies(10_000);
    await ledger.settle();
    const counts = ledger.count([]);
    for (const key of ["inputs", "crashes", "pings", "limitViolations", "lost", "duplicated"] as const)
      row[key] += counts[key];
    row.problems += ledger.problems;
    row.notes.push(...ledger.notes);
    row.observations.push(...ledger.observations);
    await ledger.server.close();
  }
  row.ms = Date.now() - started;
  return row;
}

/** Replies slowed by the server, so that they are still in flight when the signal comes. */
function slowReplies(ledger: Ledger): void {
  ledger.fault({ method: "POST", pathPattern: CALLBACK, delayMs: 1_200, times: Infinity });
  ledger.fault({ method: "POST", pathPattern: CHANNEL_MESSAGES, delayMs: 1_500, times: Infinity });
  ledger.server.injectRestFault({
    method: "PATCH",
    pathPattern: WEBHOOK_EDIT,
    delayMs: 1_200,
    times: Infinity,
  });
}

function finished(ledger: Ledger, bot: BotProcess, logs: string[]): string {
  const { stdout, stderr } = bot.output();
  logs.push(...stderr.split("\n"), ...stdout.split("\n"));
  if ((stdout + stderr).includes(ledger.server.token)) ledger.problem("the token appeared in the output");
  return stderr;
}

const sigterm: FaultCase = {
  fault: "SIGTERM with replies in flight",
  run: ({ short }) =>
    processRow("SIGTERM with replies in flight", async (newServer, logs) => {
      const ledger = await newServer();
      const { server } = ledger;
      await deployToLoopback(server, commands);
      for (let i = 0; i < (short ? 1 : 3); i++) {
        const bot = await startBotProcess(server);
        slowReplies(ledger);
        const since = server.requests.length;
        const n = short ? 9 : 18;
        askSpread(ledger, n);
        const inFlight = await repliesInFlight(server, since, [CALLBACK, CHANNEL_MESSAGES], n);
        ledger.otherInputs += 1; // the signal
        const exited = exitOf(bot);
        bot.kill("SIGTERM");
        const code = await exited;
        server.clearRestFaults();
        const stderr = finished(ledger, bot, logs);
        if (code !== 0) ledger.crash(`exited ${code} after SIGTERM (want 0)`);
        if (!stderr.includes('"msg":"stopped"')) ledger.crash("no “stopped” line: the bot did not shut down");
        const draining = Number(/"inFlight":(\d+)[^\n]*finishing replies in flight/.exec(stderr)?.[1] ?? 0);
        if (inFlight === 0 || draining === 0)
          ledger.problem("no reply was in flight at the signal: the round proved nothing");
        ledger.notes.push(
          `SIGTERM with ${inFlight} of ${n} replies on the wire, ${draining} handlers running`,
        );
        await ledger.waitForReplies(5_000);
      }
    }),
};

const revokedToken: FaultCase = {
  fault: "token revoked mid-session",
  run: ({ short }) =>
    processRow("token revoked mid-session", async (newServer, logs) => {
      for (let i = 0; i < (short ? 1 : 2); i++) {
        const ledger = await newServer(); // a revoked token stays revoked: a server each time
        const { server } = ledger;
        await deployToLoopback(server, commands);
        const bot = await startBotProcess(server);
        ledger.fault({ method: "POST", pathPattern: CALLBACK, delayMs: 1_000, times: Infinity });
        const since = server.requests.length;
        const [, second] = server.guilds;
        const user = newUser;
        ledger.interaction({
          kind: "slash",
          name: "ask",
          options: { question: "who backs the SNA?" },
          user: user(),
        });
        ledger.interaction({
          kind: "slash",
          name: "ask",
          options: { question: "what is HTS?" },
          user: user(),
          dm: true,
        });
        ledger.interaction({
          kind: "slash",
          name: "city",
          options: { name: "Hama" },
          user: user(),
          guildId: second!.id,
        });
        const inFlight = await repliesInFlight(server, since, [CALLBACK], 3);
        if (inFlight === 0)
          ledger.problem("no reply was in flight at the revocation: the round proved nothing");
        ledger.notes.push(`revoked with ${inFlight} of 3 interaction replies on the wire`);
        ledger.otherInputs += 1; // the revocation
        const exited = exitOf(bot);
        server.revokeToken();
        const code = await exited;
        const stderr = finished(ledger, bot, logs);
        const lines = stderr.split("\n").filter((line) => line.startsWith("factdesk: "));
        if (code !== 2) ledger.crash(`exited ${code} after the token was revoked (want 2)`);
        if (lines.length !== 1 || !/Discord rejected the bot token.*\(gateway close 4004\)$/.test(lines[0]!))
          ledger.problem(`want one line naming the revoked token, got ${JSON.stringify(lines)}`);
      }
    }),
};

export const processCases: FaultCase[] = [sigterm, revokedToken];
