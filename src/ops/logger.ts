/**
 * Structured logs (pino, JSON lines on stderr; with LOG_FORMAT=pretty, coloured readable lines
 * through pino-pretty, as `npm run dev` sets). Secrets such as the bot token are scrubbed from
 * every message, field and error before a line is written.
 */
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger } from "pino";

const REDACTED = "[redacted]";

/** How deep scrubbing goes; a value nested deeper is replaced whole rather than logged unscrubbed. */
const MAX_SCRUB_DEPTH = 32;

/** Replaces every secret in a value (strings, errors, plain objects and arrays, at any depth; cycles cut). */
export function scrubSecrets(
  value: unknown,
  secrets: readonly string[],
  depth = 0,
  seen: WeakSet<object> = new WeakSet(),
): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return secrets.reduce((s, secret) => s.split(secret).join(REDACTED), value);
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_SCRUB_DEPTH) return "[too deep to log]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (value instanceof Error) {
    // A plain Error carrying the original's class as its constructor, so that pino's error
    // serializer still names it (DiscordAPIError, AbortError's DOMException…) without calling
    // the original class's getters on a copy.
    const copy = new Error(scrubSecrets(value.message, secrets) as string) as Error & Record<string, unknown>;
    Object.defineProperty(copy, "constructor", { value: value.constructor, enumerable: false });
    copy.name = value.name;
    copy.stack = scrubSecrets(value.stack, secrets) as string;
    for (const [k, v] of Object.entries(value)) copy[k] = scrubSecrets(v, secrets, depth + 1, seen);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, secrets, depth + 1, seen));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, scrubSecrets(v, secrets, depth + 1, seen)]),
  );
}

export interface LoggerOptions {
  level: string;
  /** Strings that must never be written (the bot token). */
  secrets: readonly string[];
  /** Where lines go; stderr by default. */
  destination?: pino.DestinationStream;
  /** "pretty": readable lines for a person at a terminal (pino-pretty, synchronously, on stderr). */
  format?: "json" | "pretty";
}

export function createLogger({ level, secrets, destination, format = "json" }: LoggerOptions): Logger {
  const kept = secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level,
      // Every line says which process and, under the shard manager, which shard it is.
      base: {
        app: "factdesk",
        pid: process.pid,
        ...(process.env.SHARDS ? { shard: process.env.SHARDS } : {}),
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrubSecrets(a, kept)) as Parameters<typeof method>);
        },
      },
    },
    format === "pretty"
      ? pretty({
          destination: destination ?? 2,
          sync: true,
          colorize: destination === undefined && process.stderr.isTTY,
          ignore: "app",
        })
      : (destination ?? pino.destination(2)),
  );
}
