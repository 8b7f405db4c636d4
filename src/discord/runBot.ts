/**
 * Connects the bot and keeps it running until SIGINT or SIGTERM, then finishes the replies in
 * flight, destroys the client and resolves, so the process can exit 0.
 */
import { readFileSync } from "node:fs";
import type { BotConfig } from "../ops/config.ts";
import type { Factdesk } from "../engine/factdesk.ts";
import { createBot, type Bot, type BotOptions } from "./createBot.ts";
import type { Logger } from "../ops/logger.ts";

/** How long shutdown waits for replies in flight. */
const DRAIN_TIMEOUT_MS = 10_000;

export interface RunningBot extends Bot {
  /** Finishes in-flight replies, then destroys the client. Safe to call more than once. */
  stop(): Promise<void>;
}

export async function startBot(
  config: Pick<BotConfig, "token" | "apiUrl" | "answerChannels" | "cooldownSeconds">,
  factdesk: Factdesk,
  logger: Logger,
  options: Pick<BotOptions, "commands"> &
    Partial<
      Pick<BotOptions, "globalRequestsPerSecond" | "ws" | "channelReplyDeadlineMs" | "onFatal" | "metrics">
    >,
): Promise<RunningBot> {
  if (!config.token) throw new Error("startBot needs a token");
  const bot = createBot({ config, factdesk, logger, ...options });
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info({ inFlight: bot.inFlight() }, "shutting down: finishing replies in flight");
      await Promise.race([
        bot.drain(),
        new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS).unref()),
      ]);
      await bot.client.destroy();
      logger.info("stopped");
    })());
  await bot.client.login(config.token);
  return { ...bot, stop };
}

/** Stops the bot on SIGINT/SIGTERM and exits 0; a second signal exits at once. */
export function stopOnSignals(bot: RunningBot, logger: Logger): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    logger.info({ signal }, "signal received");
    void bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // Started by npm (and tsx, and a shell) that a supervisor's SIGTERM killed without passing it
  // on: a process that started the bot is gone. Stop as for SIGTERM rather than run orphaned.
  setInterval(() => {
    const gone = STARTERS.find((pid) => !isAlive(pid));
    if (!signalled && gone !== undefined) {
      logger.warn({ parent: gone }, "a process that started the bot has exited; stopping as for SIGTERM");
      onSignal("SIGTERM");
    }
  }, PARENT_CHECK_MS).unref();
}

/**
 * Under `npm start`, the processes between this one and npm, npm included, nearest first (npm
 * and tsx pass no SIGTERM on). Started any other way — `node`, a container's pid 1, `nohup` —
 * nothing is watched: the parent may come and go.
 */
function ancestors(): number[] {
  if (process.env.npm_lifecycle_event === undefined) return [];
  const chain: number[] = [];
  let pid = process.ppid;
  for (let i = 0; i < 6 && pid > 1; i++) {
    chain.push(pid);
    try {
      // Linux: /proc/<pid>/stat is "pid (name) state ppid …"; the name may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (
        /^\(npm/.test(stat.slice(stat.indexOf("("))) ||
        command.some((part) => /(?:^|\/)npm(?:-cli\.js)?$/.test(part))
      )
        return chain;
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      break; // not Linux: watch the parent alone
    }
  }
  return chain.slice(0, 1);
}

/**
 * Read when this module loads, at start-up: by the time the bot is connected, npm may already
 * be gone (a SIGTERM while it logged in), and this process's parent would then be pid 1.
 */
const STARTERS = ancestors();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** How often the bot checks that the process that started it is still there. */
const PARENT_CHECK_MS = 500;

/**
 * What would otherwise crash the process (user input never reaches here, but a bug might): a
 * stray rejection is logged; an uncaught exception leaves the process in a state nobody knows,
 * so it is logged and the process exits 1, for its supervisor to restart it.
 */
export function keepAliveOnStrayErrors(logger: Logger): void {
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception: exiting for a restart");
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 100).unref();
  });
}
