/**
 * Where every Discord event that may be a question arrives: slash commands, autocomplete,
 * buttons and messages. The router applies the cooldown (once, here), sends questions through
 * the one askQuestion, logs each event with structure, and on any error still answers the user
 * ("something went wrong", ephemeral). Nothing a member sends can throw out of here.
 */
import {
  MessageFlags,
  MessageType,
  type ButtonInteraction,
  type Interaction,
  type Message,
  type RepliableInteraction,
} from "discord.js";
import { askQuestion } from "./askQuestion.ts";
import { parseButtonId } from "./buttonIds.ts";
import { renderCooldown, renderError, renderNotice } from "./renderReply.ts";
import { replyToMessage, respond } from "./respond.ts";
import type { CommandContext, SlashCommand } from "./slashCommand.ts";

export async function routeInteraction(
  interaction: Interaction,
  context: CommandContext,
  commands: ReadonlyMap<string, SlashCommand>,
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
      if (!command)
        await respond(interaction, renderNotice("I don't know that command any more — see /help."), {
          ephemeral: true,
        });
      else if (!command.cooldown || !(await askedTooFast(interaction, context)))
        await command.execute(interaction, context);
    } else if (interaction.isButton()) {
      await routeButton(interaction, context);
    } else if (interaction.isRepliable()) {
      await respond(interaction, renderNotice("I can't handle that here — see /help."), { ephemeral: true });
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

/**
 * Takes a question from the interaction's user off the cooldown; when they ask too fast, tells
 * them (only them) how long to wait and returns true.
 */
async function askedTooFast(
  interaction: RepliableInteraction,
  { cooldown }: CommandContext,
): Promise<boolean> {
  const wait = cooldown.take(interaction.user.id);
  if (wait > 0) await respond(interaction, renderCooldown(wait), { ephemeral: true });
  return wait > 0;
}

/** A suggestion's button asks its question; the answer is shown as privately as the message it was on. */
async function routeButton(interaction: ButtonInteraction, context: CommandContext): Promise<void> {
  const parsed = parseButtonId(interaction.customId);
  if (parsed.kind === "unknown") {
    await respond(
      interaction,
      renderNotice("That button is from an older version of factdesk — try /ask instead."),
      { ephemeral: true },
    );
    return;
  }
  if (await askedTooFast(interaction, context)) return;
  const asked = askQuestion({ factId: parsed.factId }, context, { face: "button" });
  await respond(interaction, asked.payload, {
    ephemeral: !asked.found || interaction.message.flags.has(MessageFlags.Ephemeral),
  });
}

export interface MessageRouting {
  botUserId: string;
  /** Channels where every message is a question (needs the Message Content intent). */
  answerChannels: ReadonlySet<string>;
}

/** The question in a message, without the bot's mention(s); null when the message is not for the bot. */
function questionIn(message: Message, routing: MessageRouting): string | null {
  if (message.author.bot || message.author.id === routing.botUserId) return null;
  // A member joining, a pin, a boost… are messages too, but no one asked anything.
  if (message.system || (message.type !== MessageType.Default && message.type !== MessageType.Reply))
    return null;
  const isDm = message.guildId === null;
  const mentioned = message.mentions.users.has(routing.botUserId);
  if (!isDm && !mentioned && !routing.answerChannels.has(message.channelId)) return null;
  return message.content.replaceAll(new RegExp(`<@!?${routing.botUserId}>`, "g"), " ").trim();
}

/**
 * Free-text questions: a message that mentions the bot, any DM, or (when configured) any
 * message in an answer channel gets the same answer /ask gives, as a reply. Other bots and
 * the bot itself are ignored; an asker too fast is told once per wait.
 */
export async function routeMessage(
  message: Message,
  routing: MessageRouting,
  context: CommandContext,
): Promise<void> {
  const question = questionIn(message, routing);
  if (question === null) return;
  const log = context.logger.child({ message: message.id, user: message.author.id, guild: message.guildId });
  const retry = {
    deadlineMs: context.channelReplyDeadlineMs,
    onRetry: (attempt: number, error: unknown, waitMs: number) => {
      context.metrics?.restRetries.inc();
      log.warn({ attempt, waitMs, err: error }, "message reply failed on Discord's side; retrying");
    },
  };
  try {
    const wait = context.cooldown.take(message.author.id);
    if (wait > 0) {
      if (context.cooldown.noticeDue(message.author.id, wait))
        await replyToMessage(message, renderCooldown(wait), retry);
      return;
    }
    const asked = askQuestion({ text: question }, context, { face: "message" });
    await replyToMessage(message, asked.payload, retry);
    log.info("message answered");
  } catch (error) {
    log.error({ err: error }, "message reply failed");
  }
}
