/**
 * A local playground: starts a LoopbackDiscord on 127.0.0.1 and lets you act as a user from
 * the terminal while a bot (started separately, pointed at the printed REST base and token)
 * answers. Nothing leaves this machine.
 *
 *   npx tsx src/loopback/playground.ts [--port 8989] [--shards 1] [--token TOKEN]
 *
 * Then type, for example:
 *   /ask question=Who took Hama?     a slash command (options as name=value, separated by " | " or one per command)
 *   ?ask question=Ham                autocomplete while typing into the last option
 *   click more                       press the button with custom id "more"
 *   @ what happened in Hama?         a message mentioning the bot
 *   dm hello                         a DM to the bot
 *   hello everyone                   a plain message in the first guild's channel
 *   requests                         the last REST requests with their validation errors
 *   quit
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { APIMessage } from "discord-api-types/v10";
import { LoopbackDiscord } from "./loopbackDiscord.js";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "8989" },
    shards: { type: "string", default: "1" },
    token: { type: "string" },
  },
});

const server = await LoopbackDiscord.start({
  port: Number(args.port),
  shardCount: Number(args.shards),
  ...(args.token ? { token: args.token } : {}),
});

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const describeMessage = (message: APIMessage): string => {
  const parts = [JSON.stringify(message.content)];
  for (const embed of message.embeds)
    parts.push(`[embed ${JSON.stringify(embed.title ?? "")}: ${embed.description ?? ""}]`);
  if (message.components?.length) parts.push(`[${message.components.length} component row(s)]`);
  return parts.join(" ");
};

print(`Loopback Discord listening on ${server.origin}`);
print(`  discord.js client options: { rest: { api: "${server.restBase}" } }`);
print(`  token: ${server.token}`);
for (const guild of server.guilds) {
  print(`  guild ${guild.name} (${guild.id}), channel #${guild.channels[0]!.name} (${guild.textChannelId})`);
}
print(`  you are ${server.defaultUser.username} (${server.defaultUser.id}); waiting for a bot to log in…`);

server.on("ready", ({ shard }) => print(`<- bot identified on shard ${shard[0]}/${shard[1]}`));
server.on("resumed", ({ shard }) => print(`<- bot resumed shard ${shard[0]}/${shard[1]}`));
server.on("botMessage", ({ message, kind }) =>
  print(`<- bot ${kind} message ${message.id}: ${describeMessage(message)}`),
);
server.on("typing", () => print("<- bot is typing…"));
server.on("request", (request) => {
  if (request.validationErrors.length > 0 || request.status >= 400) {
    print(`!! ${request.method} ${request.route} -> ${request.status}`);
    for (const issue of request.validationErrors) print(`   ${issue.source}: ${issue.message}`);
  }
});

/** `name=value | other=value` into an options object. */
const parseOptions = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split("|")
      .map((part) => part.trim())
      .filter((part) => part.includes("="))
      .map((part) => [part.slice(0, part.indexOf("=")).trim(), part.slice(part.indexOf("=") + 1).trim()]),
  );

const act = async (line: string): Promise<boolean> => {
  const text = line.trim();
  if (text === "") return true;
  if (text === "quit" || text === "exit") return false;
  if (text === "requests") {
    for (const request of server.requests.slice(-10)) {
      print(
        `   #${request.id} ${request.method} ${request.route} -> ${request.status} (${request.validationErrors.length} issue(s))`,
      );
    }
    return true;
  }
  if (text.startsWith("/") || text.startsWith("?")) {
    const [name = "", ...rest] = text.slice(1).split(" ");
    const options = parseOptions(rest.join(" "));
    const handle = text.startsWith("/")
      ? server.sendInteraction({ kind: "slash", name, options })
      : server.sendInteraction({
          kind: "autocomplete",
          name,
          options,
          focused: Object.keys(options).at(-1) ?? "",
        });
    const callback = await handle.waitForResponse(5000);
    print(
      `<- callback type ${callback.type} after ${callback.receivedAfterMs} ms ${JSON.stringify(callback.data ?? {})}`,
    );
    return true;
  }
  if (text.startsWith("click ")) {
    await server
      .sendInteraction({ kind: "button", customId: text.slice("click ".length).trim() })
      .waitForResponse(5000);
    return true;
  }
  if (text.startsWith("@")) {
    server.sendMessage({ content: text.slice(1).trim(), mentionBot: true });
  } else if (text.startsWith("dm ")) {
    server.sendMessage({ content: text.slice(3).trim(), dm: true });
  } else {
    server.sendMessage({ content: text });
  }
  return true;
};

const input = createInterface({
  input: process.stdin,
  output: process.stdout,
  terminal: process.stdin.isTTY,
});
try {
  for await (const line of input) {
    try {
      if (!(await act(line))) break;
    } catch (error) {
      print(`!! ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  input.close();
  await server.close();
}
