/** /sources — every report factdesk answers from: publisher, date, link, and how far it is curated. */
import type {
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { renderSources } from "../src/discord/renderReply.ts";
import { respond } from "../src/discord/respond.ts";
import type { CommandContext } from "../src/discord/slashCommand.ts";

export const data = {
  name: "sources",
  description: "The reports factdesk answers from, with their dates, links and how far each is curated",
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, { factdesk }: CommandContext) {
  await respond(interaction, renderSources(factdesk.store));
}
