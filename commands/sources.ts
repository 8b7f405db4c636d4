/** /sources — the article's metadata and what the fact store covers. */
import type {
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { renderSources } from "../src/discord/renderReply.ts";
import { respond } from "../src/bot/respond.ts";
import type { CommandContext } from "../src/bot/slashCommand.ts";

export const data = {
  name: "sources",
  description: "The report factdesk answers from, and what its fact store covers",
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, { factdesk }: CommandContext) {
  await respond(interaction, renderSources(factdesk.store));
}
