/**
 * Free-text questions: a message that mentions the bot, any DM, or (when configured) any
 * message in an answer channel gets the same answer /ask gives, as a reply. Other bots and
 * the bot itself are ignored.
 */
import { MessageType, type Message } from "discord.js";
import { renderCooldown, renderReply } from "../discord/renderReply.ts";
import { outcomeOf } from "./healthServer.ts";
import { replyToMessage } from "./respond.ts";
import type { CommandContext } from "./slashCommand.ts";

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

export async function handleMessage(
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
    const reply = context.factdesk.answer(question);
    context.metrics?.questions.inc({ outcome: outcomeOf(reply), face: "message" });
    await replyToMessage(message, renderReply(reply, { sources: context.factdesk.store.sources }), retry);
    log.info("message answered");
  } catch (error) {
    log.error({ err: error }, "message reply failed");
  }
}
