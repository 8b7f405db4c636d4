/** /help — what factdesk does, its commands, and where its knowledge comes from. */
import type {
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { renderHelp } from "../src/discord/renderReply.ts";
import { respond } from "../src/discord/respond.ts";
import type { CommandContext } from "../src/discord/slashCommand.ts";

export const data = {
  name: "help",
  description: "What factdesk can do and where its answers come from",
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(interaction: ChatInputCommandInteraction, { factdesk }: CommandContext) {
  await respond(interaction, renderHelp(factdesk.store), { ephemeral: true });
}
