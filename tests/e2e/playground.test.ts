/** The local playground, driven through its input and output streams. */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runPlayground } from "../../src/playground/runPlayground.ts";
import { testFactdesk } from "../support/testFactdesk.ts";

describe("the local playground", () => {
  it("says what it is, answers commands and mentions, shows autocomplete, and clicks buttons by number", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk: Buffer) => (text += chunk.toString()));
    const done = runPlayground(testFactdesk(), { cooldownSeconds: 0 }, { input, output });
    const waitFor = async (needle: string) => {
      const deadline = Date.now() + 15_000;
      while (!text.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no "${needle}" in:\n${text}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await waitFor("you> ");
    expect(text.split("\n")[0]).toMatch(/^factdesk local playground — .*127\.0\.0\.1.*set DISCORD_TOKEN/);

    input.write("/ask how far is Homs from Hama?\n");
    await waitFor("Homs is about 40 kilometres (25 miles) south of Hama.");
    expect(text).toContain("[1] Associated Press, 5 December 2024, paragraph 11, sentence 13");
    expect(text).toMatch(/Buttons — type the number to click:\n│ {3}\[1\] (.+)/);
    const firstButton = /Buttons — type the number to click:\n│ {3}\[1\] (.+)/.exec(text)?.[1] ?? "";

    input.write("1\n");
    await waitFor(`❓ ${firstButton}`);

    input.write("/city hal\n");
    await waitFor("Autocomplete: #1 Aleppo (city)");
    await waitFor("【 Aleppo (city) 】");
    await waitFor("[image: map-aleppo.png]");

    input.write("what is the weather in Damascus\n");
    await waitFor("It has nothing on: weather.");

    input.write("/quit\n");
    await done;
    expect(text).toContain("Bye.");
  }, 30_000);
});
