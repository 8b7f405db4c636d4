/**
 * Structured logs (pino, JSON lines on stderr). Secrets such as the bot token are scrubbed
 * from every message, field and error before a line is written.
 */
import pino, { type Logger } from "pino";

export type { Logger } from "pino";

const REDACTED = "[redacted]";

/** Replaces every secret in a value (strings, errors, plain objects and arrays, a few levels deep). */
export function scrubSecrets(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return secrets.reduce((s, secret) => s.split(secret).join(REDACTED), value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    const out: Record<string, unknown> = {
      type: value.name,
      message: scrubSecrets(value.message, secrets),
      stack: scrubSecrets(value.stack, secrets),
    };
    for (const [k, v] of Object.entries(value)) out[k] = scrubSecrets(v, secrets, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubSecrets(v, secrets, depth + 1)]));
}

export interface LoggerOptions {
  level: string;
  /** Strings that must never be written (the bot token). */
  secrets: readonly string[];
  /** Where lines go; stderr by default. */
  destination?: pino.DestinationStream;
}

export function createLogger({ level, secrets, destination }: LoggerOptions): Logger {
  const kept = secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level,
      base: { app: "factdesk" },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrubSecrets(a, kept)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(2),
  );
}
