/**
 * `npm run load [-- --count 5000 --concurrency 50]` and `npm run load -- --soak`: starts the
 * loopback Discord server and the real bot (`src/main.ts`, its own process), then sends /ask
 * interactions and mention messages, half each, keeping `concurrency` in flight. A warm-up of
 * `--warm-up` questions (3,000 by default; 0 measures a cold start) goes first and is checked
 * but not timed. Reports questions sent, answered exactly once, lost and duplicated;
 * dispatch-to-reply latency; errors; CPU; the bot's peak memory, and in soak mode (50,000
 * questions) its memory over time. `--timeline` adds throughput, latency and CPU per 500 answers.
 * Traffic stays on 127.0.0.1; every loop is bounded in count and time.
 */
import { commands } from "../commands/index.ts";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LoopbackDiscord } from "@factdesk/loopback-discord";
import { deployToLoopback } from "../src/playground/startLocalBot.ts";
import { readQuestionSet } from "../src/evaluation/evaluate.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);
const usage = (problem: string): never => {
  process.stderr.write(`load: ${problem}\n`);
  process.exit(2);
};
const { values } = (() => {
  try {
    return parseArgs({
      options: {
        count: { type: "string" },
        concurrency: { type: "string", default: "50" },
        "warm-up": { type: "string", default: "3000" },
        channels: { type: "string", default: "20" },
        kinds: { type: "string", default: "both" },
        soak: { type: "boolean", default: false },
        timeline: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
})();
const whole = (name: string, text: string | undefined, min: number): number => {
  const n = Number(text);
  return Number.isInteger(n) && n >= min
    ? n
    : usage(`--${name} must be a whole number ≥ ${min}, not "${text}"`);
};
const soak = values.soak ?? false;
const count = whole("count", values.count ?? (soak ? "50000" : "5000"), 1);
const concurrency = whole("concurrency", values.concurrency, 1);
const warmUp = whole("warm-up", values["warm-up"], 0);
const channelCount = whole("channels", values.channels, 1);
const kinds = values.kinds ?? "both";
if (!["both", "ask", "mention"].includes(kinds))
  usage(`--kinds must be both, ask or mention, not "${kinds}"`);
const total = warmUp + count;
const REPLY_TIMEOUT_MS = 15_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const questions = (() => {
  const set = readQuestionSet(path.join(root, "eval/dev.yaml"));
  return [...set.answerable.map((a) => a.q), ...set.out_of_scope.map((o) => o.q)];
})();

// Requests are validated in the end-to-end tests; here the server only answers, so that the bot is what is measured.
// Questions come from servers of 5 channels each (20 channels by default), as a busy bot's would:
// Discord rate-limits replies per channel, so one channel's replies go out one after another.
const CHANNELS_PER_GUILD = 5;
const server = await LoopbackDiscord.start({
  validate: false,
  guilds: Array.from({ length: Math.ceil(channelCount / CHANNELS_PER_GUILD) }, (_, g) => ({
    name: `Load ${g + 1}`,
    channels: Array.from(
      { length: Math.min(CHANNELS_PER_GUILD, channelCount - g * CHANNELS_PER_GUILD) },
      (_, c) => ({
        name: `questions-${c + 1}`,
      }),
    ),
  })),
});
const places = server.guilds.flatMap((guild) =>
  guild.channels.map((channel) => ({ guildId: guild.id, channelId: channel.id })),
);
await deployToLoopback(server, commands);

// The real bot, as `npm start` runs it, in its own process.
const profile = process.env.LOAD_CPU_PROFILE_DIR
  ? ["--cpu-prof", `--cpu-prof-dir=${process.env.LOAD_CPU_PROFILE_DIR}`]
  : [];
const bot = spawn(
  process.execPath,
  // As `npm start` runs it: the bundle of `npm run build` where there is one, else the sources.
  [...profile, path.join(root, "bin/factdesk.mjs"), "main"],
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
/** CPU seconds so far: the bot's process, and this one (loopback server and load driver). */
const cpuNow = () => {
  const fields = readFileSync(`/proc/${bot.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const own = process.cpuUsage();
  return {
    bot: (Number(fields[11]) + Number(fields[12])) / 100, // utime + stime, in clock ticks of 10 ms
    harness: (own.user + own.system) / 1e6,
  };
};
const rssSamples: Array<{ sent: number; mb: number }> = [];
/** The bot's memory is sampled 40 times over the measured questions. */
const SAMPLE_EVERY = Math.max(1, Math.floor(count / 40));

/** Dispatch-to-reply latencies of the measured questions, ms, by kind. */
const latencies = { slash: [] as number[], mention: [] as number[] };
/** Every answer (warm-up too) in arrival order, with CPU marks every TIMELINE_STEP answers. */
const TIMELINE_STEP = 500;
const timeline: Array<{ at: number; ms: number }> = [];
const cpuMarks: Array<ReturnType<typeof cpuNow>> = [];
const record = (kind: "slash" | "mention", index: number, ms: number) => {
  if (index >= warmUp) latencies[kind].push(ms);
  timeline.push({ at: Date.now(), ms });
  if (values.timeline && timeline.length % TIMELINE_STEP === 1) cpuMarks.push(cpuNow());
};
// Replies to mentions, by the id of the message they answer.
const mentions = new Map<string, { index: number; sentAt: number; replies: number; done?: () => void }>();
let answered = 0;
let duplicated = 0;
let lost = 0;
server.on("botMessage", ({ message, kind }) => {
  const mention = mentions.get(message.message_reference?.message_id ?? "");
  if (kind !== "created" || !mention) return;
  mention.replies += 1;
  if (mention.replies > 1) {
    duplicated += 1;
    return;
  }
  record("mention", mention.index, Date.now() - mention.sentAt);
  mention.done?.();
});

async function askOne(index: number): Promise<void> {
  const question = questions[index % questions.length] ?? "where is Hama";
  const user = { id: (400000000000000000n + BigInt(index + 1)).toString(), username: `load-${index + 1}` };
  // Consecutive questions alternate between /ask and mentions, so each kind takes every channel in turn.
  const place = places[Math.floor(index / 2) % places.length] ?? {};
  if (kinds === "ask" || (kinds === "both" && index % 2 === 0)) {
    const handle = server.sendInteraction({
      kind: "slash",
      name: "ask",
      options: { question },
      user,
      ...place,
    });
    try {
      const callback = await handle.waitForResponse(REPLY_TIMEOUT_MS);
      record("slash", index, callback.receivedAfterMs);
      answered += 1;
    } catch {
      lost += 1;
    }
    return;
  }
  const said = server.sendMessage({ content: question, mentionBot: true, author: user, ...place });
  const mention = { index, sentAt: Date.now(), replies: 0 } as {
    index: number;
    sentAt: number;
    replies: number;
    done?: () => void;
  };
  mentions.set(said.id, mention);
  if (mention.replies === 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REPLY_TIMEOUT_MS);
      mention.done = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  if (mention.replies > 0) answered += 1;
  else lost += 1;
}

let started = Date.now();
let cpuAtStart = cpuNow();
let next = 0;
const worker = async () => {
  while (next < total) {
    const index = next++;
    if (index === warmUp) {
      started = Date.now();
      cpuAtStart = cpuNow();
    }
    await askOne(index);
    if (index >= warmUp && (index - warmUp) % SAMPLE_EVERY === 0)
      rssSamples.push({ sent: index - warmUp, mb: memory("VmRSS") });
  }
};
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsedS = (Date.now() - started) / 1000;
const cpuUsed = (({ bot: b, harness: h }) => ({ bot: b - cpuAtStart.bot, harness: h - cpuAtStart.harness }))(
  cpuNow(),
);
await new Promise((r) => setTimeout(r, 500)); // late duplicates, if any
// A second callback for one interaction is refused by the server (Discord's 40060): a duplicate.
duplicated += server.requests.filter((r) => r.path.endsWith("/callback") && r.status === 400).length;
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
  values.length === 0
    ? "none sent"
    : `median ${quantile(values, 0.5).toFixed(1)} ms, p99 ${quantile(values, 0.99).toFixed(1)} ms, max ${(values.at(-1) ?? NaN).toFixed(1)} ms`;
// Memory trend after the first quarter (start-up): least-squares slope of RSS.
const steady = rssSamples.slice(Math.floor(rssSamples.length / 4));
const meanX = steady.reduce((a, b) => a + b.sent, 0) / steady.length;
const meanY = steady.reduce((a, b) => a + b.mb, 0) / steady.length;
const slope =
  steady.reduce((a, b) => a + (b.sent - meanX) * (b.mb - meanY), 0) /
  Math.max(
    1,
    steady.reduce((a, b) => a + (b.sent - meanX) ** 2, 0),
  );
const mix = { both: "half /ask, half mentions", ask: "/ask only", mention: "mentions only" }[kinds];
out(
  `${soak ? "soak" : "load"}: ${count} questions after ${warmUp} warm-up (${mix}; ${places.length} channels in ${server.guilds.length} servers) at concurrency ${concurrency}, ${elapsedS.toFixed(1)} s (${(count / elapsedS).toFixed(0)}/s)`,
);
out(`sent ${total}, answered exactly once ${answered}, lost ${lost}, duplicated ${duplicated}`);
out(`dispatch-to-reply latency: ${summary(all)}`);
out(
  `  /ask: ${summary(sorted(latencies.slash))}; mentions (replies queue per channel): ${summary(sorted(latencies.mention))}`,
);
out(
  `errors logged by the bot: ${errorLines}; REST requests refused: ${server.requests.filter((r) => r.status >= 400).length}`,
);
const share = (seconds: number) =>
  `${((100 * seconds) / elapsedS).toFixed(0)}% of a core, ${((1000 * seconds) / count).toFixed(2)} ms a question`;
out(`CPU (2 cores): bot ${share(cpuUsed.bot)}; loopback server and load driver ${share(cpuUsed.harness)}`);
out(`bot memory: peak ${peakMb.toFixed(0)} MB, at end ${finalMb.toFixed(0)} MB`);
if (soak)
  out(
    `memory over the soak (RSS, MB, every ${SAMPLE_EVERY} questions): ${rssSamples.map((x) => x.mb.toFixed(0)).join(" ")}\n` +
      `after the first quarter: min ${Math.min(...steady.map((x) => x.mb)).toFixed(0)} MB, max ${Math.max(...steady.map((x) => x.mb)).toFixed(0)} MB, trend ${(slope * 10_000).toFixed(1)} MB per 10,000 questions`,
  );
if (values.timeline) {
  out(
    `every ${TIMELINE_STEP} answers (warm-up included): throughput, latency median / p99, CPU ms a question`,
  );
  for (let i = 0; i + TIMELINE_STEP <= timeline.length; i += TIMELINE_STEP) {
    const segment = timeline.slice(i, i + TIMELINE_STEP);
    const ms = sorted(segment.map((x) => x.ms));
    const seconds = ((segment.at(-1)?.at ?? 0) - (segment[0]?.at ?? 0)) / 1000;
    const [from, to] = [cpuMarks[i / TIMELINE_STEP], cpuMarks[i / TIMELINE_STEP + 1]];
    const cpu =
      from && to
        ? `bot ${((1000 * (to.bot - from.bot)) / TIMELINE_STEP).toFixed(2)}, harness ${((1000 * (to.harness - from.harness)) / TIMELINE_STEP).toFixed(2)}`
        : "";
    out(
      `  ${String(i).padStart(6)}–${i + TIMELINE_STEP}: ${(TIMELINE_STEP / Math.max(seconds, 0.001)).toFixed(0).padStart(5)}/s, ${quantile(ms, 0.5)} / ${quantile(ms, 0.99)} ms ${cpu}`,
    );
  }
}
process.exit(lost === 0 && duplicated === 0 ? 0 : 1);
