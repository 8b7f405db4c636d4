/**
 * /city name:<text> — what the reports say about a place, with a locator map when the place has
 * coordinates; autocomplete resolves aliases and misspellings.
 */
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { DISCORD_LIMITS, truncate } from "../src/discord/discordLimits.ts";
import { renderPlace } from "../src/discord/renderReply.ts";
import { respond } from "../src/discord/respond.ts";
import { flagOption, textOption } from "../src/discord/readOptions.ts";
import { HIDE_OPTION, type CommandContext } from "../src/discord/slashCommand.ts";
import type { KnowledgeStore } from "../src/knowledge/loadKnowledge.ts";
import { listPlaces } from "../src/view/citationLabel.ts";
import { drawLocatorMap, type LocatorMap } from "../src/view/locatorMap.ts";
import { viewPlace } from "../src/view/replyView.ts";

export const data = {
  name: "city",
  description: "What the reports say about a place they name",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "name",
      description: "The place, in any common spelling",
      required: true,
      autocomplete: true,
      max_length: 100,
    },
    HIDE_OPTION,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The descriptions name the store's places and the other spellings it knows. */
export function describe(store: KnowledgeStore): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const names = store.places.map((p) => p.name);
  const spellings = store.places.flatMap((p) =>
    p.aliases.filter((a) => /^[\p{Script=Latin}\s-]+$/u.test(a)).slice(0, 1),
  );
  const [name, hide] = data.options;
  return {
    ...data,
    description: truncate(
      `What the reports say about a place: ${listPlaces(names)}`,
      DISCORD_LIMITS.commandDescription,
    ),
    options: [
      {
        ...name,
        description: truncate(
          `The place, in any common spelling${spellings.length > 0 ? ` (${spellings.slice(0, 3).join(", ")}…)` : ""}`,
          DISCORD_LIMITS.commandDescription,
        ),
      },
      hide,
    ],
  };
}

export const cooldown = true;

export async function execute(
  interaction: ChatInputCommandInteraction,
  { factdesk, logger }: CommandContext,
) {
  const lookup = factdesk.lookupPlace(textOption(interaction, "name") ?? "");
  let map: LocatorMap | null = null;
  if (lookup.kind === "found") {
    try {
      map = drawLocatorMap(factdesk.store.places, lookup.place);
    } catch (error) {
      // The reports' words matter more than the picture: the reply goes without it.
      logger.warn({ err: error, place: lookup.place.name }, "locator map not drawn");
    }
  }
  await respond(interaction, renderPlace(viewPlace(lookup), map), {
    ephemeral: flagOption(interaction, "hide"),
  });
}

export async function autocomplete(interaction: AutocompleteInteraction, { factdesk }: CommandContext) {
  // A name is short: a longer entry is cut, so a pasted essay costs no more than a name.
  const typed = (textOption(interaction, "name") ?? "").slice(0, 100);
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
