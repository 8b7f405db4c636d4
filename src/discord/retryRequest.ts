/**
 * Retries a request to Discord that failed on Discord's side (a 5xx, a reset, a timeout) with
 * exponential backoff and jitter, until the reply's own deadline: 3 s for an interaction's
 * first response, 15 minutes for its follow-ups and edits, longer for a channel message. A
 * retried message is safe to repeat: channel messages carry a nonce Discord enforces, and an
 * interaction answered by a lost response is "already acknowledged" the second time.
 */
import { DiscordAPIError, HTTPError } from "discord.js";

/** The first wait, doubled each time, and the longest. */
export const RETRY_BACKOFF = { firstMs: 200, maxMs: 5_000 } as const;

/** A wait that would pass the deadline is cut so that one last attempt starts this long before it. */
export const LAST_ATTEMPT_MARGIN_MS = 300;

/** Whether an error is Discord's side failing (worth a retry), not a refusal of the request. */
export function isTransient(error: unknown): boolean {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) return error.status >= 500;
  if (error instanceof Error)
    return (
      error.name === "AbortError" ||
      error.name === "TimeoutError" ||
      /ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|other side closed|fetch failed/i.test(
        `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}`,
      )
    );
  return false;
}

export interface RetryOptions {
  /** Epoch ms after which no attempt starts. */
  deadline: number;
  /** Called before each wait, with the attempt that failed (for logs and metrics). */
  onRetry?: (attempt: number, error: unknown, waitMs: number) => void;
  /** For tests: the clock and the random source. */
  now?: () => number;
  random?: () => number;
}

/**
 * Runs `request`, retrying transient failures with backoff and jitter until the deadline, the
 * last attempt starting LAST_ATTEMPT_MARGIN_MS before it.
 */
export async function withRetries<T>(request: () => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!isTransient(error)) throw error;
      // Rather than give up with time left (a second of an interaction's 3 s), the wait that
      // would pass the deadline is cut short for one last attempt just before it.
      const room = options.deadline - now() - LAST_ATTEMPT_MARGIN_MS;
      if (room <= 0) throw error;
      const ceiling = Math.min(RETRY_BACKOFF.maxMs, RETRY_BACKOFF.firstMs * 2 ** (attempt - 1));
      const waitMs = Math.min(room, Math.round(ceiling / 2 + (random() * ceiling) / 2));
      options.onRetry?.(attempt, error, waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
