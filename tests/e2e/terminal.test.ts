/** The terminal interface (npm run ask / city), run as real processes. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR, runEntry, startEntry, waitForOutput } from "../support/runProcess.ts";

const ARTICLE = readFileSync(path.join(PROJECT_DIR, "knowledge/hama-2024-12-05.txt"), "utf8");

describe("ask", () => {
  it("prints the quoted sentence with its citation for a person", async () => {
    const { code, stdout } = await runEntry("cli/ask.ts", ["how far is Homs from Hama?"]);
    expect(code).toBe(0);
    expect(stdout).toContain("As reported by the Associated Press on 5 December 2024:");
    expect(stdout).toContain("Homs is about 40 kilometres (25 miles) south of Hama.");
    expect(stdout).toContain("[1] Associated Press, 5 December 2024, paragraph 11, sentence 13");
  });

  it("--json prints exactly the documented object", async () => {
    const { code, stdout } = await runEntry("cli/ask.ts", ["--json", "who leads the offensive"]);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(reply).sort()).toEqual([
      "answered",
      "citations",
      "confidence",
      "outcome",
      "question",
      "suggestions",
    ]);
    expect(reply.question).toBe("who leads the offensive");
    expect(reply.answered).toBe(true);
    expect(typeof reply.confidence).toBe("number");
    const citations = reply.citations as Array<{ source: string; sentence: number; text: string }>;
    expect(citations[0]).toEqual({
      source: "hama-2024-12-05",
      sentence: 10,
      text: "The offensive is being led by the jihadi group Hayat Tahrir al-Sham, as well as an umbrella group of Turkish-backed Syrian militias called the Syrian National Army.",
    });
    for (const c of citations) expect(ARTICLE).toContain(c.text);
  });

  it("--json refuses with suggestions and no citations when the article is silent", async () => {
    const { stdout } = await runEntry("cli/ask.ts", ["--json", "what is the population of Hama?"]);
    const reply = JSON.parse(stdout) as { answered: boolean; citations: unknown[]; suggestions: string[] };
    expect(reply.answered).toBe(false);
    expect(reply.citations).toEqual([]);
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });

  it("--batch answers one JSON line per question, in order", async () => {
    const { code, stdout } = await runEntry(
      "cli/ask.ts",
      ["--batch"],
      {},
      "where is Hama\n\nwho is the president of Syria\nweather in damascus?\n",
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { question: string; answered: boolean });
    expect(lines.map((l) => l.question)).toEqual([
      "where is Hama",
      "who is the president of Syria",
      "weather in damascus?",
    ]);
    expect(lines.map((l) => l.answered)).toEqual([true, true, false]);
  });

  it("--batch into a reader that stops early (| head -1) ends quietly, without a stack trace", async () => {
    const child = startEntry("cli/ask.ts", ["--batch"]);
    child.stdin?.on("error", () => {}); // it stops reading when it ends: expected
    child.stdin?.end("who leads the offensive\n".repeat(20_000));
    // Read the first line, then close the pipe as `head -1` does.
    await waitForOutput(child, (o) => o.stdout.includes("\n"));
    child.stdout?.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(child.output().stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  it("an empty question gets a usage message and exit status 2", async () => {
    const { code, stdout, stderr } = await runEntry("cli/ask.ts", ["   "]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Nothing to look up\. Usage: npm run --silent ask -- "<question>"/);
  });

  it("a broken knowledge folder stops with one line naming the file and the problem", async () => {
    const { code, stderr } = await runEntry("cli/ask.ts", ["where is Hama"], {
      FACTDESK_KNOWLEDGE_DIR: "/nonexistent/knowledge",
    });
    expect(code).toBe(2);
    expect(stderr).toBe("factdesk: /nonexistent/knowledge/sources.yaml: file is missing\n");
  });
});

describe("city", () => {
  it("--json resolves a transliteration to the canonical name", async () => {
    const { stdout } = await runEntry("cli/city.ts", ["--json", "Ḥalab"]);
    const reply = JSON.parse(stdout) as {
      query: string;
      found: boolean;
      city: string;
      citations: Array<{ text: string }>;
    };
    expect(reply).toMatchObject({ query: "Ḥalab", found: true, city: "Aleppo" });
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const c of reply.citations) expect(ARTICLE).toContain(c.text);
  });

  it("--batch says which places are not in the article", async () => {
    const { stdout } = await runEntry("cli/city.ts", ["--batch"], {}, "Lattakia\nIdlib\n");
    const [found, missing] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { found: boolean; city: string | null; suggestions: string[] });
    expect(found).toMatchObject({ found: true, city: "Latakia" });
    expect(missing).toMatchObject({
      found: false,
      city: null,
      suggestions: ["Hama", "Aleppo", "Homs", "Damascus", "Latakia"],
    });
  });
});

describe("npm run eval", () => {
  it("names a question set that does not exist in one line and exits 2", async () => {
    const { code, stderr, stdout } = await runEntry("cli/eval.ts", ["--file", "no-such-set.yaml"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual([
      "factdesk: --file no-such-set.yaml: no such question set (the sets are in eval/, e.g. --file eval/dev.yaml)",
    ]);
  });
});
