/** /ask question:<text> [for:<member>] [hide:<bool>] — answer from the article, quoting it. */
import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from "discord.js";
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { renderReply } from "../src/discord/renderReply.ts";
import { askedTooFast, respond } from "../src/bot/respond.ts";
import { flagOption, textOption, userIdOption } from "../src/bot/readOptions.ts";
import { HIDE_OPTION, type CommandContext } from "../src/bot/slashCommand.ts";

export const data = {
  name: "ask",
  description: "Ask about the AP report of 5 December 2024 on the capture of Hama",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "question",
      description: "Your question, e.g. “who is leading the offensive?”",
      required: true,
    },
    {
      type: ApplicationCommandOptionType.User,
      name: "for",
      description: "The member the answer is for (named in the reply, not pinged)",
    },
    HIDE_OPTION,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(
  interaction: ChatInputCommandInteraction,
  { factdesk, cooldown }: CommandContext,
) {
  if (await askedTooFast(interaction, cooldown)) return;
  const reply = factdesk.answer(textOption(interaction, "question") ?? "");
  await respond(
    interaction,
    renderReply(reply, {
      forUserId: userIdOption(interaction, "for"),
      source: factdesk.store.sources[0],
    }),
    { ephemeral: flagOption(interaction, "hide") },
  );
}
