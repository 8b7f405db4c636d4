/**
 * The fault and abuse suite (`npm run faults`) in its short form, as CI runs it: every row
 * tries inputs and counts no crash, ping, limit violation, lost or duplicated reply. Then the
 * suite's own counting, shown to fail: a misbehaving "bot" made of raw REST calls to the
 * emulator (real HTTP) must be counted for every kind of fault.
 */
import { REST, Routes } from "discord.js";
import { describe, expect, it } from "vitest";
import { LoopbackDiscord } from "@factdesk/loopback-discord";
import { FAULT_CASES, formatTable, rowFailed, runFaultSuite } from "../faults/suite.ts";
import { Ledger, crashesInLogs } from "../faults/ledger.ts";

describe("npm run faults -- --short", () => {
  it("every row tried inputs and counted nothing else", async () => {
    const { rows } = await runFaultSuite({ short: true });
    const table = formatTable(rows);
    expect(rows.map((row) => row.fault)).toEqual(FAULT_CASES.map((c) => c.fault));
    for (const row of rows) {
      expect(row.inputs, `${row.fault}\n${table}`).toBeGreaterThan(0);
      expect(
        {
          crashes: row.crashes,
          pings: row.pings,
          limitViolations: row.limitViolations,
          lost: row.lost,
          duplicated: row.duplicated,
          problems: row.problems,
        },
        `${row.fault}\n${table}`,
      ).toEqual({ crashes: 0, pings: 0, limitViolations: 0, lost: 0, duplicated: 0, problems: 0 });
    }
    expect(rows.filter(rowFailed)).toEqual([]);
  }, 180_000);
});

describe("the suite's counting", () => {
  it("counts a ping, a limit violation, a lost and a duplicated reply, and a reply answering nothing", async () => {
    const server = await LoopbackDiscord.start();
    try {
      const ledger = new Ledger(server);
      const rest = new REST({ api: server.restBase, retries: 0 }).setToken(server.token);
      const channel = server.guilds[0]!.textChannelId;
      const answeredTwice = ledger.message({ content: "who leads?", mentionBot: true });
      ledger.message({ content: "never answered", mentionBot: true });
      const command = ledger.interaction({ kind: "slash", name: "ask", options: { question: "x" } });
      const quiet = { parse: [] };
      for (const content of ["one", "two"])
        await rest.post(Routes.channelMessages(channel), {
          body: { content, allowed_mentions: quiet, message_reference: { message_id: answeredTwice.id } },
        });
      // Pings everyone: no allowed_mentions, @everyone in the content.
      await rest.post(Routes.channelMessages(channel), { body: { content: "@everyone look" } });
      await rest.post(Routes.interactionCallback(command.id, command.token), {
        body: { type: 4, data: { content: "x".repeat(2_001), allowed_mentions: quiet } },
        auth: false,
      });
      const counts = ledger.count([]);
      expect(counts).toEqual({ inputs: 3, crashes: 0, pings: 1, limitViolations: 1, lost: 1, duplicated: 2 });
    } finally {
      await server.close();
    }
  });

  it("counts an error the bot's own code threw as a crash, and Discord's side failing not", () => {
    const line = (err: Record<string, string>, msg = "interaction failed") =>
      JSON.stringify({ level: 50, msg, err: { type: "Object", ...err } });
    const notes: string[] = [];
    expect(
      crashesInLogs(
        [
          line({ message: "x is undefined", stack: "TypeError: x is undefined\n    at f" }),
          line({ message: "Unknown interaction", stack: "DiscordAPIError[10062]: Unknown interaction" }),
          line({ message: "Internal Server Error", name: "HTTPError" }),
          line({ message: "other side closed", stack: "SocketError: other side closed" }),
          JSON.stringify({ level: 50, msg: "client error" }),
          JSON.stringify({ level: 60, msg: "uncaught exception: exiting for a restart" }),
          "    at Object.<anonymous> (/app/x.js:1:1)",
          "factdesk: Discord rejected the bot token (gateway close 4004)",
          JSON.stringify({ level: 30, msg: "ready" }),
        ],
        notes,
      ),
    ).toBe(4);
    expect(notes).toHaveLength(4);
  });
});
