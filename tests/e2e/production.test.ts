/**
 * The production build: `npm run build` bundles the bot with esbuild; the bundles import only
 * the production dependencies (so `npm prune --omit=dev` leaves all they need), and the bundled
 * bot connects to the emulator, answers (with /city's map, drawn by a native dependency), and
 * drains on SIGTERM.
 */
import { commands } from "../../commands/index.ts";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoopbackDiscord } from "@factdesk/loopback-discord";
import { deployToLoopback } from "../../src/playground/startLocalBot.ts";
import { PROJECT_DIR, startNode, waitForOutput } from "../support/runProcess.ts";

const OUT = path.join(PROJECT_DIR, ".build-test");
const servers: LoopbackDiscord[] = [];

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  execFileSync(process.execPath, ["scripts/build.mjs", "--outdir", OUT], { cwd: PROJECT_DIR });
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(OUT, { recursive: true, force: true });
});

describe("the production build", () => {
  it("imports nothing but Node's own modules and the production dependencies", () => {
    const meta = JSON.parse(readFileSync(path.join(OUT, "meta.json"), "utf8")) as {
      outputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
    };
    type Manifest = { dependencies?: Record<string, string> };
    const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Manifest;
    const root = read(path.join(PROJECT_DIR, "package.json"));
    // The root's production dependencies, and those of the workspace packages it bundles.
    const production = new Set(
      Object.keys(root.dependencies ?? {}).flatMap((name) => [
        name,
        ...Object.keys(read(path.join(PROJECT_DIR, "node_modules", name, "package.json")).dependencies ?? {}),
      ]),
    );
    const packageOf = (specifier: string) =>
      specifier.startsWith("@")
        ? specifier.split("/").slice(0, 2).join("/")
        : (specifier.split("/")[0] ?? "");
    const imported = new Set(
      Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
    );
    const outside = [...imported].filter(
      (s) => !s.startsWith("node:") && !builtinModules.includes(s) && !production.has(packageOf(s)),
    );
    expect(imported.size).toBeGreaterThan(5);
    expect(outside).toEqual([]);
  });

  it("the bundled bot connects, answers (a /city map too) and drains on SIGTERM", async () => {
    const server = await LoopbackDiscord.start();
    servers.push(server);
    await deployToLoopback(server, commands);
    const bot = startNode([path.join(OUT, "main.js")], {
      cwd: PROJECT_DIR,
      env: { DISCORD_TOKEN: server.token, DISCORD_API_URL: server.restBase, LOG_LEVEL: "info" },
    });
    await waitForOutput(bot, (o) => o.stderr.includes('"msg":"ready"'));
    const message = await server
      .sendInteraction({ kind: "slash", name: "ask", options: { question: "how far is Homs from Hama?" } })
      .waitForFinalMessage();
    expect(message.embeds[0]?.description).toContain("about 40 kilometres");
    // The locator map: resvg's native renderer loads from node_modules, not the bundle.
    const city = await server
      .sendInteraction({
        kind: "slash",
        name: "city",
        options: { name: "Homs" },
        user: { id: "300000000000009001", username: "map-reader" },
      })
      .waitForFinalMessage();
    expect(city.attachments.map((a) => [a.filename, a.content_type])).toEqual([
      ["map-homs.png", "image/png"],
    ]);
    expect(city.embeds[0]?.image?.url).toBe("attachment://map-homs.png");
    const exited = new Promise<number | null>((resolve) => bot.on("close", resolve));
    bot.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);
});
