/**
 * The local playground (`npm start` without a token, in a terminal): the project's own
 * Discord-compatible server on 127.0.0.1, the real bot connected to it, and a prompt where
 * you act as a server member — slash commands, plain-text mentions, button clicks by number.
 * Nothing leaves this machine.
 */
import { commands } from "../../commands/index.ts";
import { createInterface } from "node:readline";
import type { APIMessage } from "discord.js";
import type { BotConfig } from "../ops/config.ts";
import type { Factdesk } from "../engine/factdesk.ts";
import { createLogger } from "../ops/logger.ts";
import { LoopbackDiscord } from "@factdesk/loopback-discord";
import { describeSources } from "../view/citationLabel.ts";
import { messageButtons, renderMessageText } from "./renderMessageText.ts";
import { startLocalBot } from "./startLocalBot.ts";

export interface PlaygroundIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const HELP = [
  "Type as a member of the server would (Tab completes, ↑ ↓ go through what you typed):",
  "  /ask [hide:yes] [report:<id>] <question>      /city <name>   a place; /city #2 picks its 2nd suggestion",
  "  /help  /sources  /timeline                    <number>       click a button of the last reply",
  "  anything else       a message mentioning the bot             /quit (or Ctrl-D) to leave",
].join("\n");

const COMMANDS = ["/ask", "/city", "/help", "/sources", "/timeline", "/quit"];

/** What a member typed, without control or format characters (a stray escape code is not echoed back). */
const plain = (line: string) => line.replace(/[\p{Cc}\p{Cf}]/gu, "");

/** `/ask`'s options typed before the question: `hide:yes`, `report:<id>`. */
function askOptions(argument: string): { question: string; options: Record<string, string | boolean> } {
  const options: Record<string, string | boolean> = {};
  const words = argument.split(/\s+/);
  while (words.length > 0) {
    const match = /^(hide|report):(\S+)$/i.exec(words[0] ?? "");
    if (!match) break;
    const [, name = "", value = ""] = match;
    options[name.toLowerCase()] = name.toLowerCase() === "hide" ? /^(yes|true|1)$/i.test(value) : value;
    words.shift();
  }
  return { question: words.join(" "), options };
}

/** Runs the playground until the input ends or /quit; resolves when everything is shut down. */
export async function runPlayground(
  factdesk: Factdesk,
  config: Pick<BotConfig, "cooldownSeconds">,
  io: PlaygroundIo = { input: process.stdin, output: process.stdout },
): Promise<void> {
  const print = (text: string) => io.output.write(`${text}\n`);
  const server = await LoopbackDiscord.start();
  print(
    `factdesk local playground — the real bot on a Discord-compatible server at ${server.origin}; nothing leaves this machine. ` +
      "To connect to Discord instead, set DISCORD_TOKEN and DISCORD_CLIENT_ID (see README, Configuration).",
  );
  const logger = createLogger({ level: "warn", secrets: [server.token] });
  const guild = server.guilds[0];
  if (!guild) throw new Error("the loopback server has no guild");
  const bot = await startLocalBot(
    server,
    factdesk,
    logger,
    { cooldownSeconds: config.cooldownSeconds },
    { commands },
  );
  print(
    `Connected as ${server.botUser.username} in “${guild.name}” #${guild.channels[0]?.name ?? "general"}. ` +
      `It answers from ${describeSources(factdesk.store.sources)}.\n${HELP}`,
  );

  let last: APIMessage | null = null;
  const show = (message: APIMessage) => {
    last = message;
    print(renderMessageText(message));
  };

  /** The last /city autocomplete's choices, for `/city #N`. */
  let cityChoices: Array<{ name: string; value: string }> = [];
  const handle = async (line: string): Promise<boolean> => {
    const text = plain(line).trim();
    if (text === "") return true;
    if (text === "/quit" || text === "/exit") return false;
    const [command = "", ...rest] = text.split(/\s+/);
    const argument = rest.join(" ");
    if (/^\d+$/.test(text)) {
      const button = last ? messageButtons(last)[Number(text) - 1] : undefined;
      if (!last || !button) {
        print("No such button on the last reply.");
        return true;
      }
      show(
        await server
          .sendInteraction({ kind: "button", customId: button.customId, message: last.id })
          .waitForFinalMessage(),
      );
      return true;
    }
    switch (command) {
      case "/ask": {
        const { question, options } = askOptions(argument);
        show(
          await server
            .sendInteraction({ kind: "slash", name: "ask", options: { question, ...options } })
            .waitForFinalMessage(),
        );
        return true;
      }
      case "/city": {
        // "/city #2": the second suggestion of the last autocomplete, as a member would click it.
        const picked = /^#(\d+)$/.exec(argument);
        const name = picked ? cityChoices[Number(picked[1]) - 1]?.value : argument;
        if (name === undefined) {
          print("No such suggestion: type /city and a few letters first.");
          return true;
        }
        if (!picked) {
          const completion = await server
            .sendInteraction({ kind: "autocomplete", name: "city", focused: "name", options: { name } })
            .waitForResponse();
          cityChoices =
            (completion.data as { choices?: Array<{ name: string; value: string }> } | undefined)?.choices ??
            [];
          print(
            `Autocomplete: ${cityChoices.map((c, i) => `#${i + 1} ${c.name}`).join(" · ") || "(no suggestions)"}`,
          );
        }
        show(
          await server
            .sendInteraction({ kind: "slash", name: "city", options: { name } })
            .waitForFinalMessage(),
        );
        return true;
      }
      case "/help":
      case "/sources":
      case "/timeline":
        show(await server.sendInteraction({ kind: "slash", name: command.slice(1) }).waitForFinalMessage());
        return true;
      default:
        if (command.startsWith("/")) {
          print(`Unknown command ${command}.\n${HELP}`);
          return true;
        }
        show(await server.sendMessage({ content: text, mentionBot: true }).waitForReply());
        return true;
    }
  };

  // In a terminal: line editing, history (↑ ↓) and Tab completion of commands and place names.
  const terminal =
    (io.output as NodeJS.WriteStream).isTTY === true && (io.input as NodeJS.ReadStream).isTTY === true;
  const places = factdesk.store.places.map((p) => p.name);
  const completer = (line: string): [string[], string] => {
    if (line.startsWith("/city ")) {
      const typed = line.slice("/city ".length).toLowerCase();
      const hits = places.filter((p) => p.toLowerCase().startsWith(typed)).map((p) => `/city ${p}`);
      return [hits, line];
    }
    const hits = COMMANDS.filter((c) => c.startsWith(line));
    return [hits.length > 0 ? hits : COMMANDS, line];
  };
  const lines = createInterface({
    input: io.input,
    output: io.output,
    prompt: "you> ",
    terminal,
    historySize: 200,
    ...(terminal ? { completer } : {}),
  });
  const prompt = () => (terminal ? lines.prompt() : io.output.write("you> "));
  prompt();
  try {
    for await (const line of lines) {
      let keepGoing = true;
      try {
        keepGoing = await handle(line);
      } catch (error) {
        print(`(no reply: ${error instanceof Error ? error.message : String(error)})`);
      }
      if (!keepGoing) break;
      prompt();
    }
  } finally {
    lines.close();
    await bot.stop();
    await server.close();
    print("Bye.");
  }
}
