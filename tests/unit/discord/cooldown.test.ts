/** The per-user cooldown, with a controlled clock. */
import { describe, expect, it } from "vitest";
import { Cooldown } from "../../../src/discord/cooldown.ts";

describe("Cooldown", () => {
  it("lets one question through per window and says how many whole seconds remain", () => {
    let now = 0;
    const cooldown = new Cooldown(3, () => now);
    expect(cooldown.take("a")).toBe(0);
    now = 1_200;
    expect(cooldown.take("a")).toBe(2);
    expect(cooldown.take("b")).toBe(0);
    now = 3_000;
    expect(cooldown.take("a")).toBe(0);
  });

  it("is off at 0 seconds", () => {
    const cooldown = new Cooldown(0);
    expect([cooldown.take("a"), cooldown.take("a"), cooldown.take("a")]).toEqual([0, 0, 0]);
  });

  it("gives a message asker one notice per wait, not one per message", () => {
    let now = 0;
    const cooldown = new Cooldown(3, () => now);
    expect(cooldown.noticeDue("a", 3)).toBe(true);
    now = 1_000;
    expect(cooldown.noticeDue("a", 2)).toBe(false);
    now = 3_100;
    expect(cooldown.noticeDue("a", 3)).toBe(true);
  });

  it("tells a message asker again in a new window, even just after the last notice's wait (the window's edge)", () => {
    let now = 0;
    const cooldown = new Cooldown(3, () => now);
    expect(cooldown.take("a")).toBe(0);
    now = 1_200;
    const wait = cooldown.take("a");
    expect(cooldown.noticeDue("a", wait)).toBe(true); // told to wait 2 s: until 3.2 s
    now = 3_050;
    expect(cooldown.take("a")).toBe(0); // answered: a new window from 3.05 s
    now = 3_100;
    const again = cooldown.take("a");
    expect(again).toBe(3);
    expect(cooldown.noticeDue("a", again)).toBe(true);
  });
});
