/**
 * Configuration from the environment (and `.env`, read by dotenv). Every variable is
 * documented in `.env.example` and the README's configuration table. A bad value stops the
 * start with a ConfigError naming the variable; the token's value never appears in a message.
 */
import path from "node:path";
import dotenv from "dotenv";
import { DEFAULT_KNOWLEDGE_DIR } from "../knowledge/loadKnowledge.ts";

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads `.env` from the working folder into process.env, without overriding what is set. */
export function loadDotenv(): void {
  dotenv.config({ quiet: true });
}

export interface EngineConfig {
  knowledgeDir: string;
}

export interface BotConfig extends EngineConfig {
  /** Absent: the local playground instead of Discord. */
  token: string | null;
  clientId: string | null;
  guildId: string | null;
  /** REST base, e.g. https://discord.com/api (discord.js adds /v10). */
  apiUrl: string;
  /** Channels where every message is answered (needs the Message Content intent). */
  answerChannels: string[];
  /** Seconds a member waits between questions. */
  cooldownSeconds: number;
  /** REST requests per second across the bot (Discord's global limit is 50 unless raised for the bot). */
  restRequestsPerSecond: number;
  /** "auto" or a count. */
  shardCount: number | "auto";
  /** Shards this process runs, or "auto" for all. */
  shardList: number[] | "auto";
  /** Milliseconds between starting two shards (Discord allows one IDENTIFY per 5 s per bucket). */
  shardSpawnDelayMs: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** "json" (a line a record, for machines) or "pretty" (coloured and readable, for a person). */
  logFormat: "json" | "pretty";
  /** Port of /healthz and /metrics on 127.0.0.1 (under the shard manager, plus the shard id); null: none. */
  httpPort: number | null;
}

const SNOWFLAKE = /^\d{17,20}$/;
const value = (env: Env, name: string): string | undefined => {
  const raw = env[name]?.trim();
  return raw === "" ? undefined : raw;
};

function snowflake(env: Env, name: string): string | null {
  const raw = value(env, name);
  if (raw === undefined) return null;
  if (!SNOWFLAKE.test(raw)) throw new ConfigError(name, "must be a Discord id (17 to 20 digits)");
  return raw;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  // Digits only: Number() would also take "1e3", "0x10" and " 5 ".
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  return n;
}

export function readEngineConfig(env: Env = process.env): EngineConfig {
  const dir = value(env, "FACTDESK_KNOWLEDGE_DIR");
  return { knowledgeDir: dir === undefined ? DEFAULT_KNOWLEDGE_DIR : path.resolve(dir) };
}

export function readBotConfig(env: Env = process.env): BotConfig {
  const token = value(env, "DISCORD_TOKEN") ?? null;
  if (token !== null && !/^[A-Za-z0-9+/_.=-]{20,}$/.test(token))
    throw new ConfigError(
      "DISCORD_TOKEN",
      "does not look like a bot token (copy it from the Developer Portal, Bot page)",
    );

  const apiUrl = value(env, "DISCORD_API_URL") ?? "https://discord.com/api";
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new ConfigError("DISCORD_API_URL", "must be a URL such as https://discord.com/api");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new ConfigError("DISCORD_API_URL", "must be an http or https URL");

  const answerChannels = (value(env, "FACTDESK_ANSWER_CHANNELS") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (answerChannels.some((id) => !SNOWFLAKE.test(id)))
    throw new ConfigError("FACTDESK_ANSWER_CHANNELS", "must be channel ids separated by commas");

  const shardCountRaw = value(env, "FACTDESK_SHARD_COUNT") ?? "auto";
  const shardCount = shardCountRaw === "auto" ? "auto" : integer(env, "FACTDESK_SHARD_COUNT", 1, 1, 10_000);
  const shardListRaw = value(env, "FACTDESK_SHARD_LIST") ?? "auto";
  let shardList: number[] | "auto" = "auto";
  if (shardListRaw !== "auto") {
    const parts = shardListRaw.split(",").map((s) => s.trim());
    shardList = parts.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
    if (shardList.some((n) => !Number.isInteger(n) || n < 0) || new Set(shardList).size !== shardList.length)
      throw new ConfigError(
        "FACTDESK_SHARD_LIST",
        'must be "auto" or distinct shard numbers separated by commas, e.g. 0,1',
      );
    if (shardCount === "auto")
      throw new ConfigError("FACTDESK_SHARD_LIST", "needs FACTDESK_SHARD_COUNT set to a number");
    if (shardList.some((n) => n >= shardCount))
      throw new ConfigError(
        "FACTDESK_SHARD_LIST",
        `has a shard number not below FACTDESK_SHARD_COUNT (${shardCount})`,
      );
  }

  const logLevel = value(env, "LOG_LEVEL") ?? "info";
  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
  if (!(levels as readonly string[]).includes(logLevel))
    throw new ConfigError("LOG_LEVEL", `must be one of ${levels.join(", ")}`);
  const logFormat = value(env, "LOG_FORMAT") ?? "json";
  if (logFormat !== "json" && logFormat !== "pretty")
    throw new ConfigError("LOG_FORMAT", "must be json or pretty");

  return {
    ...readEngineConfig(env),
    token,
    clientId: snowflake(env, "DISCORD_CLIENT_ID"),
    guildId: snowflake(env, "DISCORD_GUILD_ID"),
    apiUrl: apiUrl.replace(/\/+$/, ""),
    answerChannels,
    cooldownSeconds: integer(env, "FACTDESK_COOLDOWN_SECONDS", 3, 0, 3600),
    restRequestsPerSecond: integer(env, "FACTDESK_REST_REQUESTS_PER_SECOND", 50, 1, 100_000),
    shardCount,
    shardList,
    shardSpawnDelayMs: integer(env, "FACTDESK_SHARD_SPAWN_DELAY_MS", 5500, 0, 60_000),
    logLevel: logLevel as BotConfig["logLevel"],
    logFormat,
    httpPort:
      value(env, "FACTDESK_HTTP_PORT") === undefined
        ? null
        : integer(env, "FACTDESK_HTTP_PORT", 0, 1, 65_535),
  };
}
