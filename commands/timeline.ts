/** /timeline — the article's events in order, from 1982 to 5 December 2024, each cited. */
import type {
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { renderTimeline } from "../src/discord/renderReply.ts";
import { respond } from "../src/bot/respond.ts";
import type { CommandContext } from "../src/bot/slashCommand.ts";

export const data = {
  name: "timeline",
  description: "The report's events in the order they happened, each cited",
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, { factdesk }: CommandContext) {
  await respond(interaction, renderTimeline(factdesk.store));
}
