/**
 * The one place replies leave the bot, so that what must hold for every reply holds:
 * nobody is ever pinged (`allowed_mentions` parses nothing), and an interaction is answered
 * with reply, edit or follow-up as its state requires.
 */
import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  Routes,
  type APIAllowedMentions,
  type RESTPostAPIChannelMessageJSONBody,
  type Message,
  type MessageMentionOptions,
  type RepliableInteraction,
} from "discord.js";
import type { MessagePayload } from "./renderReply.ts";
import { withRetries, type RetryOptions } from "./retryRequest.ts";

/** Also set client-wide in createBot.ts; repeated per message so no path can forget it. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

/**
 * An interaction that reaches the bot this late (gateway lag, a busy event loop) is first
 * acknowledged with a deferral, so Discord's 3 s limit holds even if the full reply is slow
 * to upload or retried; the answer then follows as an edit.
 */
export const DEFER_WHEN_OLDER_THAN_MS = 2000;

export interface RespondOptions {
  /** Only the asker sees it. */
  ephemeral?: boolean;
  /** For tests and tools: the clock. */
  now?: number;
}

export async function respond(
  interaction: RepliableInteraction,
  payload: MessagePayload,
  { ephemeral = false, now = Date.now() }: RespondOptions = {},
): Promise<void> {
  const body = {
    content: payload.content ?? "",
    embeds: payload.embeds,
    components: payload.components,
    allowedMentions: NO_MENTIONS,
    // Uploaded as multipart with the message; an embed shows one as `attachment://<name>`.
    ...(payload.files && payload.files.length > 0 ? { files: payload.files } : {}),
  };
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  if (
    !interaction.deferred &&
    !interaction.replied &&
    now - interaction.createdTimestamp > DEFER_WHEN_OLDER_THAN_MS
  ) {
    // Retried like the reply itself: a deferral lost to a 5xx or a reset would leave the
    // member with no answer, and one whose response was lost is acknowledged all the same.
    await withRetries(
      async () => {
        try {
          await interaction.deferReply(flags === undefined ? {} : { flags });
        } catch (error) {
          if (!isAlreadyAcknowledged(error)) throw error;
          interaction.deferred = true;
        }
      },
      { deadline: interaction.createdTimestamp + INTERACTION_ACK_MS },
    );
  }
  const tokenDeadline = interaction.createdTimestamp + INTERACTION_TOKEN_MS;
  if (interaction.deferred) {
    await withRetries(() => interaction.editReply(body), { deadline: tokenDeadline });
  } else if (interaction.replied) {
    await withRetries(() => interaction.followUp(flags === undefined ? body : { ...body, flags }), {
      deadline: tokenDeadline,
    });
  } else {
    await withRetries(
      async () => {
        try {
          await interaction.reply(flags === undefined ? body : { ...body, flags });
        } catch (error) {
          // A lost response to a reply that went through: the retry finds it acknowledged.
          if (!isAlreadyAcknowledged(error)) throw error;
        }
      },
      { deadline: interaction.createdTimestamp + INTERACTION_ACK_MS },
    );
  }
}

/** Discord's answer to a second response: the first went through, though its response was lost. */
const isAlreadyAcknowledged = (error: unknown) =>
  error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged;

/** `NO_MENTIONS` as the API spells it. */
const NO_MENTIONS_BODY = { parse: [], replied_user: false } satisfies APIAllowedMentions;

/**
 * Replies to a message (a mention, a DM, a message in an answer channel). The payload is
 * already the API's JSON, so it goes to the REST client as it is: `message.reply` would
 * rebuild it and then build a `Message` for the reply that nothing reads (skipping both took
 * the bot's CPU a question under load from 0.40 to 0.35 ms). discord.js's REST client still
 * queues it per channel, waits out rate limits and retries as for any request.
 */
export async function replyToMessage(
  message: Message,
  payload: MessagePayload,
  {
    onRetry,
    deadlineMs = CHANNEL_MESSAGE_DEADLINE_MS,
  }: Pick<RetryOptions, "onRetry"> & { deadlineMs?: number | undefined } = {},
): Promise<void> {
  const body = {
    content: payload.content ?? "",
    embeds: payload.embeds,
    components: payload.components,
    allowed_mentions: NO_MENTIONS_BODY,
    message_reference: { message_id: message.id },
    // The asker's message id as the nonce, enforced: a retry after a lost response (or a
    // second dispatch of the same message) never posts the answer twice.
    nonce: message.id,
    enforce_nonce: true,
  } satisfies RESTPostAPIChannelMessageJSONBody;
  await withRetries(() => message.client.rest.post(Routes.channelMessages(message.channelId), { body }), {
    deadline: Date.now() + deadlineMs,
    ...(onRetry ? { onRetry } : {}),
  });
}

/** How long a reply to a message may keep retrying: Discord remembers a nonce for a few minutes. */
export const CHANNEL_MESSAGE_DEADLINE_MS = 2 * 60_000;

/** An interaction's first response must reach Discord within 3 s; its token lasts 15 minutes. */
const INTERACTION_ACK_MS = 3_000;
const INTERACTION_TOKEN_MS = 15 * 60_000;
