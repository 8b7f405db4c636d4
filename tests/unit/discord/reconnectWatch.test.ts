/** How an unreachable gateway is reported: not a line every half second. */
import { describe, expect, it } from "vitest";
import { GATEWAY_ALARM_MS, ReconnectWatch } from "../../../src/discord/reconnectWatch.ts";

describe("ReconnectWatch", () => {
  it("reports tries 1, 2, 4, 8… as warnings, then as errors once failing for GATEWAY_ALARM_MS", () => {
    let now = 0;
    const watch = new ReconnectWatch(() => now);
    const logged: Array<[number, string]> = [];
    for (let attempt = 1; attempt <= 1024; attempt++) {
      const report = watch.reconnecting(0);
      if (report) logged.push([attempt, report.level]);
      now += 500;
    }
    expect(logged.map(([attempt]) => attempt)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
    // 600 tries of half a second is five minutes.
    expect(logged.filter(([, level]) => level === "error").map(([a]) => a)).toEqual([1024]);
    expect(500 * 1023).toBeGreaterThanOrEqual(GATEWAY_ALARM_MS);
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
