/**
 * The playground as a real terminal, driven through tmux as a person would type: Tab completes
 * commands, ↑ brings back what was typed, "/city #N" picks an autocomplete suggestion. Skipped
 * where tmux is not installed.
 */
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../support/runProcess.ts";

const hasTmux = (() => {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const SESSION = `factdesk-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", SESSION, "-S", "-200");

async function waitFor(predicate: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out; the screen:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const promptCount = (text: string) => text.split("you>").length - 1;

afterAll(() => {
  if (hasTmux)
    try {
      tmux("kill-session", "-t", SESSION);
    } catch {
      // already gone
    }
});

describe.skipIf(!hasTmux)("the playground in a terminal", () => {
  it("completes with Tab, recalls with ↑ and picks an autocomplete suggestion", async () => {
    tmux(
      "new-session",
      "-d",
      "-s",
      SESSION,
      "-x",
      "220",
      "-y",
      "60",
      // A clean environment: none of the test runner's, no token (so the playground starts).
      `cd '${PROJECT_DIR}' && env -i PATH='${process.env.PATH ?? ""}' HOME='${process.env.HOME ?? "/tmp"}' TERM=xterm-256color FACTDESK_COOLDOWN_SECONDS=0 node --import tsx src/main.ts; sleep 5`,
    );
    await waitFor((t) => t.includes("you>"));

    tmux("send-keys", "-t", SESSION, "/hel", "Tab");
    await waitFor((t) => /you> \/help\s*$/m.test(t));
    tmux("send-keys", "-t", SESSION, "Enter");
    await waitFor((t) => t.includes("factdesk — answers from") && promptCount(t) >= 2);

    // ↑ brings /help back.
    tmux("send-keys", "-t", SESSION, "Up");
    await waitFor((t) => /you> \/help\s*$/m.test(t));
    tmux("send-keys", "-t", SESSION, "C-u");

    tmux("send-keys", "-t", SESSION, "/city hal", "Enter");
    const suggested = await waitFor((t) => t.includes("Autocomplete: #1 Aleppo"));
    expect(suggested).toContain("#1 Aleppo");
    const before = promptCount(screen());
    tmux("send-keys", "-t", SESSION, "/city #1", "Enter");
    const picked = await waitFor(
      (t) => promptCount(t) > before + 0 && t.lastIndexOf("Aleppo (city)") > t.lastIndexOf("/city #1"),
    );
    expect(picked).toContain("Aleppo (city)");

    tmux("send-keys", "-t", SESSION, "/quit", "Enter");
    await waitFor((t) => t.includes("Bye."));
  }, 60_000);
});
