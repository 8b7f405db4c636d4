/** /city name:<text> — what the article says about a place; autocomplete resolves aliases and misspellings. */
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { DISCORD_LIMITS, truncate } from "../src/discord/discordLimits.ts";
import { renderPlace } from "../src/discord/renderReply.ts";
import { askedTooFast, respond } from "../src/bot/respond.ts";
import { flagOption, textOption } from "../src/bot/readOptions.ts";
import { HIDE_OPTION, type CommandContext } from "../src/bot/slashCommand.ts";

export const data = {
  name: "city",
  description: "What the report says about a city: Hama, Aleppo, Homs, Damascus or Latakia",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "name",
      description: "The place, in any common spelling (Hamah, Halab, Hims…)",
      required: true,
      autocomplete: true,
    },
    HIDE_OPTION,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export async function execute(
  interaction: ChatInputCommandInteraction,
  { factdesk, cooldown }: CommandContext,
) {
  if (await askedTooFast(interaction, cooldown)) return;
  const lookup = factdesk.lookupPlace(textOption(interaction, "name") ?? "");
  await respond(interaction, renderPlace(lookup), { ephemeral: flagOption(interaction, "hide") });
}

export async function autocomplete(interaction: AutocompleteInteraction, { factdesk }: CommandContext) {
  const typed = textOption(interaction, "name") ?? "";
  const choices = factdesk.completePlace(typed, DISCORD_LIMITS.choices).map((place) => ({
    name: truncate(
      place.aliases.length > 0
        ? `${place.name} (${place.kind}) — also ${place.aliases.join(", ")}`
        : `${place.name} (${place.kind})`,
      DISCORD_LIMITS.choiceName,
    ),
    value: truncate(place.name, DISCORD_LIMITS.choiceValue),
  }));
  await interaction.respond(choices);
}
