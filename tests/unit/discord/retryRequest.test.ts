/** withRetries: backoff within a deadline, the last attempt just before it. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LAST_ATTEMPT_MARGIN_MS, withRetries } from "../../../src/discord/retryRequest.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A request failing with a connection reset until `okAfterMs`, noting when each attempt started. */
function flaky(okAfterMs: number) {
  const start = Date.now();
  const attempts: number[] = [];
  const request = () => {
    const at = Date.now() - start;
    attempts.push(at);
    return at < okAfterMs ? Promise.reject(new Error("read ECONNRESET")) : Promise.resolve("sent");
  };
  return { start, attempts, request };
}

describe("withRetries", () => {
  it("backs off, then cuts the wait that would pass the deadline for one last attempt before it", async () => {
    const { start, attempts, request } = flaky(2_600);
    const result = withRetries(request, { deadline: start + 3_000, random: () => 1 });
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe("sent");
    // Waits of 200, 400, 800, then 1,600 cut to what leaves the margin before the deadline.
    expect(attempts).toEqual([0, 200, 600, 1_400, 3_000 - LAST_ATTEMPT_MARGIN_MS]);
  });

  it("gives up after that last attempt, before the deadline", async () => {
    const { start, attempts, request } = flaky(Infinity);
    const settled = withRetries(request, { deadline: start + 3_000, random: () => 1 }).then(
      () => "sent",
      (error: Error) => error.message,
    );
    await vi.runAllTimersAsync();
    expect(await settled).toBe("read ECONNRESET");
    expect(attempts.at(-1)).toBe(3_000 - LAST_ATTEMPT_MARGIN_MS);
  });

  it("does not retry a refusal", async () => {
    let attempts = 0;
    const settled = withRetries(
      () => {
        attempts += 1;
        return Promise.reject(new Error("Missing Permissions"));
      },
      { deadline: Date.now() + 60_000 },
    ).catch((error: Error) => error.message);
    await vi.runAllTimersAsync();
    expect(await settled).toBe("Missing Permissions");
    expect(attempts).toBe(1);
  });
});
