/**
 * `npm start` and `npm run start:sharded` as real processes: configuration errors, the
 * no-terminal case, connecting to (the loopback) Discord, graceful shutdown and sharding.
 */
import { commands } from "../../commands/index.ts";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/knowledge/loadKnowledge.ts";
import { LoopbackDiscord } from "@factdesk/loopback-discord";
import { deployToLoopback } from "../../src/playground/startLocalBot.ts";
import { cleanEnv, PROJECT_DIR, runEntry, startEntry, waitForOutput } from "../support/runProcess.ts";

const servers: LoopbackDiscord[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Two loopback shards with the commands registered, and `npm run start:sharded` against them. */
async function startShardManager() {
  const server = await LoopbackDiscord.start({ shardCount: 2 });
  servers.push(server);
  await deployToLoopback(server, commands);
  const manager = startEntry("startSharded.ts", [], {
    DISCORD_TOKEN: server.token,
    DISCORD_API_URL: server.restBase,
    FACTDESK_SHARD_COUNT: "auto",
    FACTDESK_SHARD_SPAWN_DELAY_MS: "0",
    LOG_LEVEL: "info",
  });
  return { server, manager };
}

describe("configuration", () => {
  it("without a token and without a terminal, exits 2 with a clear message", async () => {
    const { code, stderr } = await runEntry("main.ts");
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^factdesk: DISCORD_TOKEN is not set, and there is no terminal for the local playground\./,
    );
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it.each([
    ["DISCORD_API_URL", "not a url", /^factdesk: DISCORD_API_URL: must be a URL/],
    ["DISCORD_GUILD_ID", "12", /^factdesk: DISCORD_GUILD_ID: must be a Discord id/],
    ["FACTDESK_COOLDOWN_SECONDS", "soon", /^factdesk: FACTDESK_COOLDOWN_SECONDS: must be a whole number/],
    ["FACTDESK_SHARD_LIST", "0,1", /^factdesk: FACTDESK_SHARD_LIST: needs FACTDESK_SHARD_COUNT/],
    ["LOG_LEVEL", "loud", /^factdesk: LOG_LEVEL: must be one of/],
    ["DISCORD_TOKEN", "short", /^factdesk: DISCORD_TOKEN: does not look like a bot token/],
  ])("a bad %s exits 2 naming the variable", async (name, value, message) => {
    const { code, stderr } = await runEntry("main.ts", [], { [name]: value });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    if (name === "DISCORD_TOKEN") expect(stderr).not.toContain(value);
  });

  it("a missing knowledge folder exits 2 naming the file", async () => {
    const { code, stderr } = await runEntry("main.ts", [], { FACTDESK_KNOWLEDGE_DIR: "/nonexistent" });
    expect(code).toBe(2);
    expect(stderr).toBe("factdesk: /nonexistent/sources.yaml: file is missing\n");
  });

  it("a malformed knowledge file exits 2 with one line naming the file, the entry and the problem", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "factdesk-broken-"));
    cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
    const facts = path.join(dir, "facts.yaml");
    writeFileSync(
      facts,
      readFileSync(facts, "utf8").replace("sentence: hama-2024-12-05#13", "sentence: hama-2024-12-05#130"),
    );
    const { code, stderr } = await runEntry("main.ts", [], { FACTDESK_KNOWLEDGE_DIR: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^factdesk: .*facts\.yaml: fact "homs-distance-hama" \(entry \d+\): cites\[0\]: hama-2024-12-05#130 does not resolve/,
    );
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("npm run deploy-commands", () => {
  it("registers every command to the configured server by bulk overwrite", async () => {
    const server = await LoopbackDiscord.start();
    servers.push(server);
    const guild = server.guilds[0]!;
    const { code, stdout, stderr } = await runEntry("cli/deployCommands.ts", [], {
      DISCORD_TOKEN: server.token,
      DISCORD_CLIENT_ID: server.applicationId,
      DISCORD_GUILD_ID: guild.id,
      DISCORD_API_URL: server.restBase,
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(`Registered 5 commands to server ${guild.id} (instant).\n`);
    expect(
      server
        .commands(guild.id)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["ask", "city", "help", "sources", "timeline"]);
    const put = server.requests.find((r) => r.method === "PUT");
    expect(put?.validationErrors).toEqual([]);
    // Installable to servers and to members' own accounts, usable in servers and every kind of DM.
    for (const body of put?.body as Array<Record<string, unknown>>) {
      expect(body.integration_types).toEqual([0, 1]);
      expect(body.contexts).toEqual([0, 1, 2]);
    }
  });

  it("--clear removes the commands from that scope (a server registered both ways shows each twice)", async () => {
    const server = await LoopbackDiscord.start();
    servers.push(server);
    const guild = server.guilds[0]!;
    const env = {
      DISCORD_TOKEN: server.token,
      DISCORD_CLIENT_ID: server.applicationId,
      DISCORD_GUILD_ID: guild.id,
      DISCORD_API_URL: server.restBase,
    };
    expect((await runEntry("cli/deployCommands.ts", [], env)).code).toBe(0);
    expect(server.commands(guild.id)).toHaveLength(5);
    const cleared = await runEntry("cli/deployCommands.ts", ["--clear"], env);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toBe(`Removed every command from the server ${guild.id}.\n`);
    expect(server.commands(guild.id)).toHaveLength(0);
  });

  it("names the missing variable", async () => {
    const { code, stderr } = await runEntry("cli/deployCommands.ts", [], { DISCORD_TOKEN: "x".repeat(30) });
    expect(code).toBe(2);
    expect(stderr).toBe(
      "factdesk: DISCORD_CLIENT_ID: is not set; deploy-commands needs the application id\n",
    );
  });
});

describe("npm start with a token", () => {
  it("connects, answers, and on SIGTERM finishes and exits 0 without ever logging the token", async () => {
    const server = await LoopbackDiscord.start();
    servers.push(server);
    await deployToLoopback(server, commands);
    const bot = startEntry("main.ts", [], {
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.restBase,
      LOG_LEVEL: "info",
    });
    await waitForOutput(bot, (o) => o.stderr.includes('"msg":"ready"'));
    const message = await server
      .sendInteraction({ kind: "slash", name: "ask", options: { question: "what is the capital of Syria?" } })
      .waitForFinalMessage();
    expect(message.embeds[0]?.description).toContain("Damascus, which is Mr Assad’s seat of power");
    const exited = new Promise<number | null>((resolve) => bot.on("close", resolve));
    bot.kill("SIGTERM");
    expect(await exited).toBe(0);
    const { stdout, stderr } = bot.output();
    expect(stderr).toContain('"msg":"stopped"');
    expect(stdout + stderr).not.toContain(server.token);
  });
});

describe("npm start and signals", () => {
  it("SIGTERM to npm (which does not pass it on) still stops the bot: it drains and exits 0 when its parent is gone", async () => {
    const server = await LoopbackDiscord.start();
    servers.push(server);
    await deployToLoopback(server, commands);
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: PROJECT_DIR,
      env: {
        ...cleanEnv({ DISCORD_TOKEN: server.token, DISCORD_API_URL: server.restBase, LOG_LEVEL: "info" }),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    npm.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    await waitForOutput({ output: () => ({ code: null, stdout: "", stderr }) }, (o) =>
      o.stderr.includes('"msg":"ready"'),
    );
    const botPid = Number(/"pid":(\d+)/.exec(stderr)?.[1]);
    expect(botPid).toBeGreaterThan(0);
    npm.kill("SIGTERM");
    const deadline = Date.now() + 15_000;
    const alive = () => {
      try {
        process.kill(botPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  }, 30_000);
});

describe("a token revoked mid-session", () => {
  it("npm start: one line naming the problem, exit 2", async () => {
    const server = await LoopbackDiscord.start();
    servers.push(server);
    await deployToLoopback(server, commands);
    const bot = startEntry("main.ts", [], {
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.restBase,
      LOG_LEVEL: "warn",
    });
    await waitForOutput(bot, () => server.sessions().some((s) => s.connected));
    const exited = new Promise<number | null>((resolve) => bot.on("close", resolve));
    server.dropConnections(4004);
    expect(await exited).toBe(2);
    const lines = bot
      .output()
      .stderr.split("\n")
      .filter((l) => l.startsWith("factdesk: "));
    expect(lines).toEqual([
      expect.stringMatching(
        /^factdesk: Discord rejected the bot token .*set a new DISCORD_TOKEN \(gateway close 4004\)$/,
      ),
    ]);
    expect(bot.output().stderr).not.toContain(server.token);
  });

  it("under the shard manager every shard stops and the manager exits 2", async () => {
    const { server, manager } = await startShardManager();
    await waitForOutput(manager, (o) => o.stderr.includes('"msg":"all shards ready"'), 60_000);
    const exited = new Promise<number | null>((resolve) => manager.on("close", resolve));
    server.dropConnections(4004);
    expect(await exited).toBe(2);
    expect(manager.output().stderr).toContain("Discord rejected the bot token");
  }, 90_000);
});

describe("npm run start:sharded", () => {
  it("when Discord cannot be reached for the shard count: one line, exit 1, no stack trace", async () => {
    const { code, stderr } = await runEntry("startSharded.ts", [], {
      DISCORD_TOKEN: "MTIzNDU2Nzg5MDEyMzQ1Njc4.known-token.for-the-shard-test-0123",
      DISCORD_API_URL: "http://127.0.0.1:9",
      FACTDESK_SHARD_COUNT: "auto",
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^factdesk: could not ask Discord at http:\/\/127\.0\.0\.1:9 for the shard count/,
      ),
    ]);
  }, 30_000);

  it("runs two shards under ShardingManager, each guild's events reaching its own shard", async () => {
    const { server, manager } = await startShardManager();
    try {
      await waitForOutput(manager, (o) => o.stderr.includes('"msg":"all shards ready"'), 60_000);
      const identified = server
        .sessions()
        .map((s) => s.shard?.join("/"))
        .sort();
      expect(identified).toEqual(["0/2", "1/2"]);
      for (const [index, guild] of server.guilds.entries()) {
        const handle = server.sendInteraction({
          kind: "slash",
          name: "ask",
          guildId: guild.id,
          options: { question: "where is Hama?" },
        });
        await handle.delivered;
        expect(handle.shardIds).toEqual([index]);
        const message = await handle.waitForFinalMessage();
        expect(message.embeds[0]?.description).toContain("central city of Hama");
      }
    } finally {
      const exited = new Promise<number | null>((resolve) => manager.on("close", resolve));
      manager.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
    expect(manager.output().stderr).not.toContain(server.token);
  }, 90_000);
});
