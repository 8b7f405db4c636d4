/** Small helpers for awaiting state changes with timeouts. */

/** Listeners notified whenever something they may be waiting for has changed. */
export class ChangeNotifier {
  private readonly listeners = new Set<() => void>();

  /** Tells every waiter to look again. */
  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * Resolves with the first defined result of `check` (looked at now and after every change);
   * rejects with `describeTimeout()` after `timeoutMs`. `check` may throw to fail the wait early.
   */
  until<T>(check: () => T | undefined, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new Error(describeTimeout()))), timeoutMs);
      timer.unref();
      const finish = (settle: () => void): void => {
        this.listeners.delete(look);
        clearTimeout(timer);
        settle();
      };
      const look = (): void => {
        let result: T | undefined;
        try {
          result = check();
        } catch (error) {
          finish(() => reject(error instanceof Error ? error : new Error(String(error))));
          return;
        }
        if (result !== undefined) finish(() => resolve(result));
      };
      this.listeners.add(look);
      look();
    });
  }

  /**
   * Resolves after `ms` if `check` never returns something; rejects with `describe(found)`
   * as soon as it does.
   */
  never<T>(check: () => T | undefined, ms: number, describe: (found: T) => string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const look = (): void => {
        const found = check();
        if (found === undefined) return;
        this.listeners.delete(look);
        clearTimeout(timer);
        reject(new Error(describe(found)));
      };
      const timer = setTimeout(() => {
        this.listeners.delete(look);
        resolve();
      }, ms);
      this.listeners.add(look);
      look();
    });
  }
}

/** Whether snowflake `a` is newer than snowflake `b`. */
export function isNewer(a: string, b: string): boolean {
  return BigInt(a) > BigInt(b);
}
