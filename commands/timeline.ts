/** /timeline — the events of every report in order, each cited. */
import type {
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { renderTimeline } from "../src/discord/renderReply.ts";
import { respond } from "../src/discord/respond.ts";
import type { CommandContext } from "../src/discord/slashCommand.ts";

export const data = {
  name: "timeline",
  description: "The events of the reports in the order they happened, each cited",
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, { factdesk }: CommandContext) {
  await respond(interaction, renderTimeline(factdesk.store));
}
