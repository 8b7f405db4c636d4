/** /ask question:<text> [report:<id>] [for:<member>] [hide:<bool>] — answer from the reports, quoting them. */
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { DISCORD_LIMITS, truncate } from "../src/discord/discordLimits.ts";
import { askQuestion } from "../src/discord/askQuestion.ts";
import { respond } from "../src/discord/respond.ts";
import { flagOption, textOption, userIdOption } from "../src/discord/readOptions.ts";
import { HIDE_OPTION, type CommandContext } from "../src/discord/slashCommand.ts";
import { MAX_QUESTION_LENGTH } from "../src/engine/answerEngine.ts";
import type { KnowledgeStore } from "../src/knowledge/loadKnowledge.ts";
import { describeSources, sourceLabel } from "../src/view/citationLabel.ts";

export const data = {
  name: "ask",
  description: "Ask about the news reports factdesk answers from",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "question",
      description: "Your question, e.g. “who is leading the offensive?”",
      required: true,
      max_length: MAX_QUESTION_LENGTH,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: "report",
      description: "Ask one report only (default: every report, newest first)",
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.User,
      name: "for",
      description: "The member the answer is for (named in the reply, not pinged)",
    },
    HIDE_OPTION,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The description names the store's reports. */
export function describe(store: KnowledgeStore): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    ...data,
    description: truncate(`Ask about ${describeSources(store.sources)}`, DISCORD_LIMITS.commandDescription),
  };
}

export const cooldown = true;

export async function execute(interaction: ChatInputCommandInteraction, context: CommandContext) {
  const asked = askQuestion(
    { text: textOption(interaction, "question") ?? "", report: textOption(interaction, "report") },
    context,
    { face: "command", forUserId: userIdOption(interaction, "for") },
  );
  await respond(interaction, asked.payload, { ephemeral: flagOption(interaction, "hide") });
}

/** The reports whose id, title, publisher or date contains what was typed, newest first. */
export async function autocomplete(interaction: AutocompleteInteraction, { factdesk }: CommandContext) {
  const typed = (textOption(interaction, "report") ?? "").slice(0, 100).toLowerCase();
  const choices = [...factdesk.store.sources]
    .sort((a, b) => b.date.localeCompare(a.date))
    .filter((s) => `${s.id} ${s.title} ${sourceLabel(s)}`.toLowerCase().includes(typed))
    .slice(0, DISCORD_LIMITS.choices)
    .map((s) => ({
      name: truncate(`${sourceLabel(s)} — ${s.title}`, DISCORD_LIMITS.choiceName),
      value: truncate(s.id, DISCORD_LIMITS.choiceValue),
    }));
  await interaction.respond(choices);
}
