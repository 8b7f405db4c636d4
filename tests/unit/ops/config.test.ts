/** Configuration (config.ts): a bad value is named with what it must be; numbers are digits only. */
import { describe, expect, it } from "vitest";
import { ConfigError, readBotConfig } from "../../../src/ops/config.ts";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.known-token.for-the-config-test-0123";
const configWith = (env: Record<string, string>) => () => readBotConfig({ DISCORD_TOKEN: TOKEN, ...env });

describe("readBotConfig", () => {
  it.each([
    ["FACTDESK_COOLDOWN_SECONDS", "1e3"],
    ["FACTDESK_COOLDOWN_SECONDS", "0x10"],
    ["FACTDESK_SHARD_COUNT", "2.0"],
  ])("%s=%j is not a whole number", (name, value) => {
    expect(configWith({ [name]: value })).toThrow(ConfigError);
    expect(configWith({ [name]: value })).toThrow(new RegExp(`^${name}: must be a whole number`));
  });

  it.each(["1,,0", "0,0", "0,x", "-1"])("FACTDESK_SHARD_LIST=%j is refused", (list) => {
    expect(configWith({ FACTDESK_SHARD_COUNT: "2", FACTDESK_SHARD_LIST: list })).toThrow(
      /^FACTDESK_SHARD_LIST: must be/,
    );
  });

  it("takes plain digits", () => {
    const config = readBotConfig({
      DISCORD_TOKEN: TOKEN,
      FACTDESK_SHARD_COUNT: "2",
      FACTDESK_SHARD_LIST: "1, 0",
    });
    expect(config.shardList).toEqual([1, 0]);
  });

  it("reads LOG_FORMAT as json or pretty, json by default, and names it when it is neither", () => {
    expect(readBotConfig({ DISCORD_TOKEN: TOKEN }).logFormat).toBe("json");
    expect(readBotConfig({ DISCORD_TOKEN: TOKEN, LOG_FORMAT: "pretty" }).logFormat).toBe("pretty");
    expect(configWith({ LOG_FORMAT: "xml" })).toThrow(/^LOG_FORMAT: must be json or pretty/);
  });
});
