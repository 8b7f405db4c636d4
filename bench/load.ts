/**
 * `npm run load [-- --count 5000 --concurrency 50]` and `npm run load -- --soak`: starts the
 * loopback Discord server and the real bot (`src/main.ts`, its own process), then sends /ask
 * interactions and mention messages, half each, keeping `concurrency` in flight. Reports
 * questions sent, answered exactly once, lost and duplicated; dispatch-to-reply latency; errors;
 * the bot's peak memory, and in soak mode (50,000 questions) its memory over time.
 * Traffic stays on 127.0.0.1; every loop is bounded in count and time.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LoopbackDiscord } from "../src/loopback/index.ts";
import { deployToLoopback } from "../src/playground/startLocalBot.ts";
import { readQuestionSet } from "../tests/eval/evaluate.ts";

const { values } = parseArgs({
  options: {
    count: { type: "string" },
    concurrency: { type: "string", default: "50" },
    soak: { type: "boolean", default: false },
  },
});
const soak = values.soak ?? false;
const count = Number(values.count ?? (soak ? 50_000 : 5_000));
const concurrency = Number(values.concurrency);
const REPLY_TIMEOUT_MS = 15_000;
/** Questions answered before latencies are recorded: the bot's first answers include JIT warm-up. */
const WARM_UP = Math.min(200, Math.floor(count / 10));
let measuring = false;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const questions = (() => {
  const set = readQuestionSet(path.join(root, "tests/eval/devQuestions.yaml"));
  return [...set.answerable.map((a) => a.q), ...set.out_of_scope.map((o) => o.q)];
})();

// Requests are validated in the end-to-end tests; here the server only answers, so that the bot is what is measured.
// Questions come from 4 servers of 5 channels each, as a busy bot's would: Discord rate-limits
// replies per channel, so one channel's replies go out one after another.
const CHANNELS_PER_GUILD = 5;
const server = await LoopbackDiscord.start({
  validate: false,
  guilds: Array.from({ length: 4 }, (_, g) => ({
    name: `Load ${g + 1}`,
    channels: Array.from({ length: CHANNELS_PER_GUILD }, (_, c) => ({ name: `questions-${c + 1}` })),
  })),
});
const places = server.guilds.flatMap((guild) =>
  guild.channels.map((channel) => ({ guildId: guild.id, channelId: channel.id })),
);
await deployToLoopback(server);

// The real bot, as `npm start` runs it, in its own process.
const profile = process.env.LOAD_CPU_PROFILE_DIR
  ? ["--cpu-prof", `--cpu-prof-dir=${process.env.LOAD_CPU_PROFILE_DIR}`]
  : [];
const bot = spawn(
  process.execPath,
  [...profile, "--import", import.meta.resolve("tsx"), path.join(root, "src/main.ts")],
  {
    env: {
      ...process.env,
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.restBase,
      LOG_LEVEL: "warn",
      // Discord's global REST limit (50/s) is Discord's to enforce; here the bot is measured.
      FACTDESK_REST_REQUESTS_PER_SECOND: "100000",
    },
    stdio: ["ignore", "ignore", "pipe"],
  },
);
let errorLines = 0;
let stderrTail = "";
bot.stderr.on("data", (chunk: Buffer) => {
  const text = chunk.toString();
  stderrTail = (stderrTail + text).slice(-2000);
  errorLines += (text.match(/"level":(50|60)/g) ?? []).length;
});
await new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`the bot did not connect: ${stderrTail}`)), 30_000);
  server.once("ready", () => {
    clearTimeout(timer);
    resolve();
  });
});

const memory = (field: "VmRSS" | "VmHWM"): number => {
  const status = readFileSync(`/proc/${bot.pid}/status`, "utf8");
  return (
    Number(/\b(\d+) kB/.exec(status.split("\n").find((l) => l.startsWith(field)) ?? "")?.[1] ?? NaN) / 1024
  );
};
const rssSamples: Array<{ sent: number; mb: number }> = [];
/** The bot's memory is sampled 40 times over a run. */
const SAMPLE_EVERY = Math.max(1, Math.floor(count / 40));

// Replies to mentions, by the id of the message they answer.
const messageSentAt = new Map<string, number>();
const messageReplies = new Map<string, number>();
const replyWaiters = new Map<string, () => void>();
/** Dispatch-to-reply latencies, ms, by kind of question. */
const latencies = { slash: [] as number[], mention: [] as number[] };
let answered = 0;
let duplicated = 0;
let lost = 0;
let userCounter = 0;
server.on("botMessage", ({ message, kind }) => {
  const source = message.message_reference?.message_id;
  if (kind !== "created" || !source || !messageSentAt.has(source)) return;
  const replies = (messageReplies.get(source) ?? 0) + 1;
  messageReplies.set(source, replies);
  if (replies === 1) {
    if (measuring) latencies.mention.push(Date.now() - (messageSentAt.get(source) ?? Date.now()));
    replyWaiters.get(source)?.();
  } else duplicated += 1;
});

async function askOne(index: number): Promise<void> {
  const question = questions[index % questions.length] ?? "where is Hama";
  userCounter += 1;
  const user = {
    id: (400000000000000000n + BigInt(userCounter)).toString(),
    username: `load-${userCounter}`,
  };
  // Consecutive questions alternate between /ask and mentions, so each kind takes every channel in turn.
  const place = places[Math.floor(index / 2) % places.length] ?? {};
  if (index % 2 === 0) {
    const handle = server.sendInteraction({
      kind: "slash",
      name: "ask",
      options: { question },
      user,
      ...place,
    });
    try {
      const callback = await handle.waitForResponse(REPLY_TIMEOUT_MS);
      if (measuring) latencies.slash.push(callback.receivedAfterMs);
      answered += 1;
    } catch {
      lost += 1;
    }
    return;
  }
  const said = server.sendMessage({ content: question, mentionBot: true, author: user, ...place });
  messageSentAt.set(said.id, Date.now());
  if (!messageReplies.has(said.id)) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REPLY_TIMEOUT_MS);
      replyWaiters.set(said.id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    replyWaiters.delete(said.id);
  }
  if (messageReplies.has(said.id)) answered += 1;
  else lost += 1;
}

const started = Date.now();
let next = 0;
const worker = async () => {
  while (next < count) {
    const index = next++;
    if (index === WARM_UP) measuring = true;
    await askOne(index);
    if (index % SAMPLE_EVERY === 0) rssSamples.push({ sent: index, mb: memory("VmRSS") });
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
await new Promise((r) => setTimeout(r, 500)); // late duplicates, if any
const elapsedS = (Date.now() - started) / 1000;
// A second callback for one interaction is refused by the server (Discord's 40060): a duplicate.
duplicated += server.requests.filter((r) => r.path.endsWith("/callback") && r.status === 400).length;
const botCpuS = (() => {
  const fields = readFileSync(`/proc/${bot.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
})();
const driverCpuS = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
const peakMb = memory("VmHWM");
const finalMb = memory("VmRSS");
bot.kill("SIGTERM");
await new Promise((resolve) => bot.on("close", resolve));
await server.close();

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], p: number) =>
  values[Math.min(values.length - 1, Math.floor(p * values.length))] ?? NaN;
const all = sorted([...latencies.slash, ...latencies.mention]);
const summary = (values: number[]) =>
  `median ${quantile(values, 0.5).toFixed(1)} ms, p99 ${quantile(values, 0.99).toFixed(1)} ms, max ${(values.at(-1) ?? NaN).toFixed(1)} ms`;
// Memory trend after the first quarter (start-up and JIT warm-up): least-squares slope of RSS.
const steady = rssSamples.slice(Math.floor(rssSamples.length / 4));
const meanX = steady.reduce((a, b) => a + b.sent, 0) / steady.length;
const meanY = steady.reduce((a, b) => a + b.mb, 0) / steady.length;
const slope =
  steady.reduce((a, b) => a + (b.sent - meanX) * (b.mb - meanY), 0) /
  Math.max(
    1,
    steady.reduce((a, b) => a + (b.sent - meanX) ** 2, 0),
  );
const out = (line: string) => process.stdout.write(`${line}\n`);
out(
  `${soak ? "soak" : "load"}: ${count} questions (half /ask, half mentions; ${places.length} channels in ${server.guilds.length} servers) at concurrency ${concurrency}, ${elapsedS.toFixed(1)} s (${(count / elapsedS).toFixed(0)}/s)`,
);
out(`sent ${count}, answered exactly once ${answered - 0}, lost ${lost}, duplicated ${duplicated}`);
out(`dispatch-to-reply latency (after ${WARM_UP} warm-up questions): ${summary(all)}`);
out(
  `  /ask: ${summary(sorted(latencies.slash))}; mentions (replies queue per channel): ${summary(sorted(latencies.mention))}`,
);
out(
  `errors logged by the bot: ${errorLines}; REST requests refused: ${server.requests.filter((r) => r.status >= 400).length}`,
);
out(
  `CPU time: bot ${botCpuS.toFixed(1)} s, loopback server and load driver ${driverCpuS.toFixed(1)} s (2 cores)`,
);
out(`bot memory: peak ${peakMb.toFixed(0)} MB, at end ${finalMb.toFixed(0)} MB`);
if (soak)
  out(
    `memory over the soak (RSS, MB, every ${SAMPLE_EVERY} questions): ${rssSamples.map((x) => x.mb.toFixed(0)).join(" ")}\n` +
      `after the first quarter: min ${Math.min(...steady.map((x) => x.mb)).toFixed(0)} MB, max ${Math.max(...steady.map((x) => x.mb)).toFixed(0)} MB, trend ${(slope * 10_000).toFixed(1)} MB per 10,000 questions`,
  );
process.exit(lost === 0 && duplicated === 0 ? 0 : 1);
