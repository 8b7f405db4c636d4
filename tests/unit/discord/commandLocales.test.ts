/** Command descriptions in other languages: language/locales/<locale>.yaml merged into the registration. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RequestValidator } from "@factdesk/loopback-discord";
import { commands } from "../../../commands/index.ts";
import { LocaleError, readCommandLocales } from "../../../src/discord/commandLocales.ts";
import { commandBodies } from "../../../src/discord/deployCommands.ts";
import { testFactdesk } from "../../support/testFactdesk.ts";

function localesWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "factdesk-locales-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const FRENCH = [
  "ask:",
  "  description: Posez une question sur {reports}",
  "  options:",
  "    question: Votre question",
  "city:",
  "  description: Ce que disent les reportages de {places}",
].join("\n");

describe("command locales", () => {
  it("ships none: the registration is English only", () => {
    const bodies = commandBodies(commands, testFactdesk().store);
    expect(bodies.some((b) => "description_localizations" in b)).toBe(false);
  });

  it("adds a locale's descriptions, the store's words filled in, and Discord's OpenAPI takes them", () => {
    const store = testFactdesk().store;
    const bodies = commandBodies(commands, store, readCommandLocales(localesWith({ "fr.yaml": FRENCH })));
    const ask = bodies.find((b) => b.name === "ask");
    expect(ask?.description_localizations).toEqual({
      fr: "Posez une question sur the Associated Press report of 5 December 2024",
    });
    expect(ask?.options?.find((o) => o.name === "question")?.description_localizations).toEqual({
      fr: "Votre question",
    });
    expect(ask?.options?.find((o) => o.name === "report")).not.toHaveProperty("description_localizations");
    expect(bodies.find((b) => b.name === "city")?.description_localizations?.fr).toMatch(
      /^Ce que disent les reportages de Hama, /,
    );
    expect(bodies.find((b) => b.name === "help")).not.toHaveProperty("description_localizations");
    const issues = RequestValidator.shared().validate(
      "put",
      "/applications/123456789012345678/guilds/123456789012345679/commands",
      bodies,
    );
    expect(issues).toEqual([]);
  });

  it.each([
    [
      "a file named for no Discord locale",
      { "french.yaml": FRENCH },
      /french\.yaml: "french" is not a Discord locale/,
    ],
    [
      "a description that is not text",
      { "fr.yaml": "ask:\n  description: [1, 2]\n" },
      /fr\.yaml: ask\.description/,
    ],
    ["an unknown key", { "fr.yaml": "ask:\n  title: Bonjour\n" }, /fr\.yaml: ask/],
  ])("refuses %s with one line naming the file", (_name, files, message) => {
    expect(() => readCommandLocales(localesWith(files))).toThrow(LocaleError);
    expect(() => readCommandLocales(localesWith(files))).toThrow(message);
  });
});
