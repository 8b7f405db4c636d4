/** How an unreachable gateway is reported: not a line every half second. */
import { describe, expect, it } from "vitest";
import { GATEWAY_ALARM_MS, ReconnectWatch } from "../../../src/discord/reconnectWatch.ts";

describe("ReconnectWatch", () => {
  it("reports tries 1, 2, 4, 8… as warnings, then as errors once failing for GATEWAY_ALARM_MS", () => {
    let now = 0;
    const watch = new ReconnectWatch(() => now);
    const logged: Array<{ attempt: number; level: string; failingForMs: number }> = [];
    for (let attempt = 1; attempt <= 1024; attempt++) {
      const report = watch.reconnecting(0);
      if (report) logged.push({ attempt, level: report.level, failingForMs: report.failingForMs });
      now += 500;
    }
    expect(logged.map((l) => l.attempt)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
    // Warnings while it has failed for less than GATEWAY_ALARM_MS, errors from then on.
    for (const l of logged) expect(l.level).toBe(l.failingForMs >= GATEWAY_ALARM_MS ? "error" : "warn");
    expect(logged.filter((l) => l.level === "error").map((l) => l.attempt)).toEqual([1024]);
  });

  it("says once when a failing shard is back, and starts counting afresh", () => {
    let now = 0;
    const watch = new ReconnectWatch(() => now);
    for (let i = 0; i < 5; i++) watch.reconnecting(1);
    now = 2_000;
    expect(watch.connected(1)).toMatchObject({ level: "info", attempts: 5, failingForMs: 2_000 });
    expect(watch.connected(1)).toBeNull();
    expect(watch.reconnecting(1)).toMatchObject({ level: "warn", attempts: 1 });
    expect(watch.reconnecting(0)).toMatchObject({ attempts: 1 });
  });
});
