/** A per-user cooldown: one question per user per window; others are told how long to wait. */
export class Cooldown {
  private readonly lastAsked = new Map<string, number>();
  /** Until when a user has been told to wait (messages get one notice per wait, not one per message). */
  private readonly noticeUntil = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a question from `userId`. Returns 0 when it may be answered, else the whole
   * seconds left to wait.
   */
  take(userId: string): number {
    if (this.seconds <= 0) return 0;
    const now = this.now();
    const windowMs = this.seconds * 1000;
    const last = this.lastAsked.get(userId);
    if (last !== undefined && now - last < windowMs) return Math.ceil((windowMs - (now - last)) / 1000);
    this.lastAsked.set(userId, now);
    // A new window: asking too fast in it earns a notice again, even if the last notice's wait
    // (counted from when it was given) runs past the window's edge.
    this.noticeUntil.delete(userId);
    if (this.lastAsked.size > 10_000) this.prune(now, windowMs);
    return 0;
  }

  /** Whether a user asking too fast should be told so now: once per wait of `seconds`. */
  noticeDue(userId: string, seconds: number): boolean {
    const now = this.now();
    if (now < (this.noticeUntil.get(userId) ?? 0)) return false;
    this.noticeUntil.set(userId, now + seconds * 1000);
    if (this.noticeUntil.size > 10_000) {
      for (const [user, until] of this.noticeUntil) if (until <= now) this.noticeUntil.delete(user);
    }
    return true;
  }

  private prune(now: number, windowMs: number): void {
    for (const [user, at] of this.lastAsked) if (now - at >= windowMs) this.lastAsked.delete(user);
  }
}
