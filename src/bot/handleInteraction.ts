/**
 * The one entry point for interactions: routes slash commands, autocomplete and buttons, logs
 * each with structure, and on any error still answers the user ("something went wrong",
 * ephemeral). Nothing a user sends can throw out of here.
 */
import { MessageFlags, type ButtonInteraction, type Interaction } from "discord.js";
import { commands as defaultCommands } from "../../commands/index.ts";
import { parseButtonId } from "../discord/buttonIds.ts";
import { renderError, renderReply } from "../discord/renderReply.ts";
import { outcomeOf } from "./healthServer.ts";
import { askedTooFast, respond } from "./respond.ts";
import type { CommandContext, SlashCommand } from "./slashCommand.ts";

const notice = (content: string) => ({ content, embeds: [], components: [] });

export async function handleInteraction(
  interaction: Interaction,
  context: CommandContext,
  commands: ReadonlyMap<string, SlashCommand> = defaultCommands,
): Promise<void> {
  const log = context.logger.child({
    interaction: interaction.id,
    type: interaction.type,
    user: interaction.user.id,
    guild: interaction.guildId,
    ...(interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : {}),
  });
  const started = performance.now();
  try {
    if (interaction.isAutocomplete()) {
      const command = commands.get(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, context);
      else await interaction.respond([]);
    } else if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (command) await command.execute(interaction, context);
      else
        await respond(interaction, notice("I don't know that command any more — see /help."), {
          ephemeral: true,
        });
    } else if (interaction.isButton()) {
      await handleButton(interaction, context);
    } else if (interaction.isRepliable()) {
      await respond(interaction, notice("I can't handle that here — see /help."), { ephemeral: true });
    }
    log.info({ ms: Math.round(performance.now() - started) }, "interaction handled");
  } catch (error) {
    log.error({ err: error }, "interaction failed");
    if (!interaction.isRepliable()) return;
    try {
      await respond(interaction, renderError(), { ephemeral: true });
    } catch (replyError) {
      log.error({ err: replyError }, "could not tell the user about the failure");
    }
  }
}

async function handleButton(
  interaction: ButtonInteraction,
  { factdesk, cooldown, metrics }: CommandContext,
): Promise<void> {
  const parsed = parseButtonId(interaction.customId);
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (parsed.kind === "unknown") {
    await respond(
      interaction,
      notice("That button is from an older version of factdesk — try /ask instead."),
      {
        ephemeral: true,
      },
    );
    return;
  }
  if (await askedTooFast(interaction, cooldown)) return;
  const reply = factdesk.answerFact(parsed.factId);
  if (!reply) {
    await respond(
      interaction,
      notice("That question is no longer in factdesk's knowledge — try /ask instead."),
      {
        ephemeral: true,
      },
    );
    return;
  }
  metrics?.questions.inc({ outcome: outcomeOf(reply), face: "button" });
  await respond(interaction, renderReply(reply, { sources: factdesk.store.sources }), { ephemeral });
}
