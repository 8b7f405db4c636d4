/**
 * Builds message objects: what people send (for MESSAGE_CREATE) and what the bot creates or
 * edits through REST (channel messages, interaction responses, follow-ups).
 */
import {
  ChannelType,
  GatewayIntentBits,
  MessageFlags,
  MessageReferenceType,
  MessageType,
  type APIAttachment,
  type APIEmbed,
  type APIGuildMember,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
} from "discord-api-types/v10";
import type { GatewaySession } from "./gatewaySession.js";

/** A file that came with a multipart request. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/**
 * A message in a gateway MESSAGE_CREATE: with `guild_id` and the author's `member` in guilds,
 * and `channel_type`, which Discord sends (undocumented) and discord.js 14 needs to build an
 * uncached DM channel.
 */
export type GatewayMessage = APIMessage & {
  guild_id?: string;
  channel_type?: ChannelType;
  member?: Omit<APIGuildMember, "user" | "deaf" | "mute">;
};

/** What a REST body may carry for a message (untrusted, loosely typed). */
export type MessageBody = Record<string, unknown>;

/** Fields every message object has, with Discord's defaults. */
export function baseMessage(
  fields: Pick<APIMessage, "id" | "channel_id" | "author"> & Partial<APIMessage>,
): APIMessage {
  return {
    content: "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0 as MessageFlags,
    components: [],
    ...fields,
  };
}

/** Normalises embeds the way Discord echoes them back (`type: "rich"` unless given). */
export function normaliseEmbeds(embeds: unknown): APIEmbed[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((embed) => ({ type: "rich", ...(embed as APIEmbed) }) as APIEmbed);
}

/** Attachment objects for uploaded files, in the order of the body's `attachments` when given. */
export function attachmentsFor(
  files: UploadedFile[],
  nextId: () => string,
  baseUrl: string,
): APIAttachment[] {
  return files.map((file) => {
    const id = nextId();
    const url = `${baseUrl}/attachments/${id}/${encodeURIComponent(file.filename)}`;
    return {
      id,
      filename: file.filename,
      size: file.size,
      url,
      proxy_url: url,
      content_type: file.contentType,
    };
  });
}

/** True when a create-message body would produce an empty message (Discord error 50006). */
export function isEmptyMessageBody(body: MessageBody, files: UploadedFile[]): boolean {
  const has = (value: unknown): boolean =>
    Array.isArray(value)
      ? value.length > 0
      : typeof value === "string"
        ? value.length > 0
        : value !== undefined && value !== null;
  return !(
    has(body.content) ||
    has(body.embeds) ||
    has(body.components) ||
    has(body.sticker_ids) ||
    has(body.poll) ||
    files.length > 0
  );
}

/** Options for a message the bot creates. */
export interface BotMessageInit {
  id: string;
  channelId: string;
  author: APIUser;
  body: MessageBody;
  attachments: APIAttachment[];
  type?: MessageType;
  reference?: APIMessage;
  guildId?: string;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  extraFlags?: number;
}

/** A message the bot creates, from a create-message, callback or webhook body. */
export function botMessageFromBody(init: BotMessageInit): APIMessage {
  const { body } = init;
  const flags = ((typeof body.flags === "number" ? body.flags : 0) | (init.extraFlags ?? 0)) as MessageFlags;
  const message = baseMessage({
    id: init.id,
    channel_id: init.channelId,
    author: init.author,
    content: typeof body.content === "string" ? body.content : "",
    tts: body.tts === true,
    embeds: normaliseEmbeds(body.embeds),
    components: Array.isArray(body.components)
      ? (body.components as NonNullable<APIMessage["components"]>)
      : [],
    attachments: init.attachments,
    flags,
    type: init.type ?? (init.reference ? MessageType.Reply : MessageType.Default),
  });
  if (init.reference) {
    message.message_reference = {
      type: MessageReferenceType.Default,
      message_id: init.reference.id,
      channel_id: init.reference.channel_id,
      ...(init.guildId ? { guild_id: init.guildId } : {}),
    };
    message.referenced_message = init.reference;
  }
  if (init.webhookId) message.webhook_id = init.webhookId;
  if (init.applicationId) message.application_id = init.applicationId;
  if (init.interactionMetadata) message.interaction_metadata = init.interactionMetadata;
  return message;
}

/** A message after an edit (PATCH): fields present in the body replace the old ones. */
export function editedMessage(
  message: APIMessage,
  body: MessageBody,
  newAttachments: APIAttachment[],
): APIMessage {
  const edited: APIMessage = { ...message, edited_timestamp: new Date().toISOString() };
  if ("content" in body) edited.content = typeof body.content === "string" ? body.content : "";
  if ("embeds" in body) edited.embeds = normaliseEmbeds(body.embeds);
  if ("components" in body) {
    edited.components = Array.isArray(body.components)
      ? (body.components as NonNullable<APIMessage["components"]>)
      : [];
  }
  if ("attachments" in body && Array.isArray(body.attachments)) {
    const keep = new Set((body.attachments as { id?: unknown }[]).map((attachment) => String(attachment.id)));
    edited.attachments = [
      ...message.attachments.filter((attachment) => keep.has(attachment.id)),
      ...newAttachments,
    ];
  } else if (newAttachments.length > 0) {
    edited.attachments = [...message.attachments, ...newAttachments];
  }
  // An edit of a deferred ("thinking…") response turns it into the real message.
  edited.flags = (edited.flags ?? 0) & ~MessageFlags.Loading;
  if (typeof body.flags === "number") {
    edited.flags = (edited.flags & MessageFlags.Ephemeral) | (body.flags & ~MessageFlags.Loading);
  }
  return edited;
}

/**
 * The MESSAGE_CREATE data one session gets, or undefined when its intents exclude it:
 * guild messages need GUILD_MESSAGES, DMs need DIRECT_MESSAGES. Without MESSAGE_CONTENT,
 * content, embeds, attachments and components are empty unless the message is a DM, mentions
 * the bot, or was sent by the bot itself, as Discord documents.
 */
export function messageForSession(
  message: GatewayMessage,
  session: GatewaySession,
  botUserId: string,
): GatewayMessage | undefined {
  const inGuild = message.guild_id !== undefined;
  const needed = inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
  if (!session.hasIntents(needed)) return undefined;
  const contentVisible =
    session.hasIntents(GatewayIntentBits.MessageContent) ||
    !inGuild ||
    message.author.id === botUserId ||
    message.mentions.some((user) => user.id === botUserId);
  if (contentVisible) return message;
  return { ...message, content: "", embeds: [], attachments: [], components: [] };
}
