/** Every slash command, keyed by name: what the bot routes to and what deploy-commands registers. */
import type { SlashCommand } from "../src/discord/slashCommand.ts";
import * as ask from "./ask.ts";
import * as city from "./city.ts";
import * as help from "./help.ts";
import * as sources from "./sources.ts";
import * as timeline from "./timeline.ts";

export const commands: ReadonlyMap<string, SlashCommand> = new Map(
  ([ask, city, help, sources, timeline] as SlashCommand[]).map((command) => [command.data.name, command]),
);
