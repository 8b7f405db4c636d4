/** Discord's epoch (2015-01-01T00:00:00Z) in Unix milliseconds. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/**
 * Builds a snowflake for an exact moment: `(ms since Discord epoch) << 22 | increment`.
 * Worker and process bits are left at zero, as they are irrelevant to clients.
 */
export function snowflakeAt(timestampMs: number, increment = 0): string {
  const sinceEpoch = BigInt(Math.floor(timestampMs)) - DISCORD_EPOCH_MS;
  return ((sinceEpoch << 22n) | BigInt(increment & 0xfff)).toString();
}

/** The Unix millisecond timestamp encoded in a snowflake. */
export function snowflakeTimestamp(snowflake: string): number {
  return Number((BigInt(snowflake) >> 22n) + DISCORD_EPOCH_MS);
}

/** The shard a guild's events go to: `(guild_id >> 22) % shard_count`, as Discord documents. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Issues real-looking, strictly increasing snowflakes based on the current time. */
export class SnowflakeGenerator {
  private increment = 0;
  private lastTimestamp = 0;

  /** The next snowflake; never repeats, even within one millisecond. */
  next(): string {
    let now = Date.now();
    if (now < this.lastTimestamp) now = this.lastTimestamp;
    if (now === this.lastTimestamp) {
      this.increment += 1;
      if (this.increment > 0xfff) {
        // 4096 ids in one millisecond: borrow the next millisecond.
        now += 1;
        this.increment = 0;
      }
    } else {
      this.increment = 0;
    }
    this.lastTimestamp = now;
    return snowflakeAt(now, this.increment);
  }
}
