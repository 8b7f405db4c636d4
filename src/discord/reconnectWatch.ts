/**
 * How a shard that cannot reach Discord's gateway is reported. discord.js tries again every
 * half second or so; logging each try at info would bury everything else. The first failed try
 * of a run is a warning, then only the 2nd, 4th, 8th… (with how long it has been failing), and
 * once it has failed for GATEWAY_ALARM_MS each of those is an error: an admin's alerting sees an
 * outage, not a line per half second. Reaching the gateway again is said once.
 */
export const GATEWAY_ALARM_MS = 5 * 60_000;

export type ReconnectReport =
  | { level: "warn" | "error"; attempts: number; failingForMs: number }
  | { level: "info"; attempts: number; failingForMs: number; back: true }
  | null;

export class ReconnectWatch {
  private readonly failing = new Map<number, { since: number; attempts: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A shard is trying again: what to log, or null to stay quiet. */
  reconnecting(shard: number): ReconnectReport {
    const at = this.now();
    const state = this.failing.get(shard) ?? { since: at, attempts: 0 };
    state.attempts += 1;
    this.failing.set(shard, state);
    const failingForMs = at - state.since;
    // 1, 2, 4, 8, …: a power of two.
    if ((state.attempts & (state.attempts - 1)) !== 0) return null;
    return {
      level: failingForMs >= GATEWAY_ALARM_MS ? "error" : "warn",
      attempts: state.attempts,
      failingForMs,
    };
  }

  /** A shard is connected (ready or resumed): what to log when it had been failing. */
  connected(shard: number): ReconnectReport {
    const state = this.failing.get(shard);
    this.failing.delete(shard);
    if (!state || state.attempts < 2) return null;
    return { level: "info", attempts: state.attempts, failingForMs: this.now() - state.since, back: true };
  }
}
