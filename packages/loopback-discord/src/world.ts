/**
 * The loopback server's little Discord: the bot user and its application, the guilds with their
 * text channels, the people who act in them, DM channels and every message sent. Builds the
 * Discord objects (users, members, channels, guilds) the gateway and REST API hand out.
 */
import {
  ApplicationFlags,
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
  type APIDMChannel,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
  type UserFlags,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from "discord-api-types/v10";
import { SnowflakeGenerator, snowflakeAt } from "./snowflake.js";

/** A text channel to create in a guild. */
export interface ChannelSeed {
  id?: string;
  name?: string;
}

/** A guild to create; ids are generated when omitted. */
export interface GuildSeed {
  id?: string;
  name?: string;
  channels?: ChannelSeed[];
}

/** A guild of the loopback server as tests see it. */
export interface LoopbackGuild {
  id: string;
  name: string;
  /** The id of the guild's first text channel: where interactions and messages go by default. */
  textChannelId: string;
  channels: { id: string; name: string }[];
  /** The id of the @everyone role (equal to the guild id). */
  everyoneRoleId: string;
  ownerId: string;
}

/** A channel the server knows: a guild text channel or a DM with one user. */
export type KnownChannel =
  | { kind: "guild"; guildId: string; channel: APITextChannel }
  | { kind: "dm"; recipient: APIUser; channel: APIDMChannel };

/** Permissions of @everyone in every loopback guild (what a freshly invited bot would have). */
export const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.CreateInstantInvite;

/** Flags of an unverified bot's application, as Discord reports them. */
export const APPLICATION_FLAGS =
  ApplicationFlags.GatewayMessageContentLimited |
  ApplicationFlags.GatewayGuildMembersLimited |
  ApplicationFlags.ApplicationCommandBadge;

/** 2024-12-05T00:00:00Z: the moment the default fixture ids are based on. */
const FIXTURE_EPOCH_MS = Date.UTC(2024, 11, 5);

/**
 * Default guilds: "Newsroom" and "Reading Room", each with one text channel. Their ids encode
 * consecutive milliseconds, so with two shards the first is on shard 0 and the second on shard 1.
 */
export const DEFAULT_GUILD_SEEDS: GuildSeed[] = [
  {
    id: snowflakeAt(FIXTURE_EPOCH_MS, 0),
    name: "Newsroom",
    channels: [{ id: snowflakeAt(FIXTURE_EPOCH_MS + 10, 0), name: "ask-factdesk" }],
  },
  {
    id: snowflakeAt(FIXTURE_EPOCH_MS + 1, 0),
    name: "Reading Room",
    channels: [{ id: snowflakeAt(FIXTURE_EPOCH_MS + 11, 0), name: "general" }],
  },
];

/** Options for the world's fixed cast. */
export interface WorldOptions {
  guilds?: GuildSeed[];
  botUser?: Partial<APIUser>;
  defaultUser?: Partial<APIUser>;
}

/** Internal full state of one guild. */
interface GuildState {
  summary: LoopbackGuild;
  createdAt: string;
  channels: APITextChannel[];
  everyoneRole: APIRole;
  members: Map<string, APIGuildMember>;
}

/** The state behind a loopback server: ids, users, guilds, channels and messages. */
export class LoopbackWorld {
  readonly ids = new SnowflakeGenerator();
  readonly botUser: APIUser;
  /** The person who acts when a test does not say who: "reader". */
  readonly defaultUser: APIUser;
  readonly guilds: LoopbackGuild[];
  private readonly guildStates = new Map<string, GuildState>();
  private readonly channels = new Map<string, KnownChannel>();
  private readonly dmChannelsByUser = new Map<string, APIDMChannel>();
  private readonly users = new Map<string, APIUser>();
  private readonly messages = new Map<string, APIMessage>();

  constructor(options: WorldOptions = {}) {
    this.botUser = {
      id: snowflakeAt(FIXTURE_EPOCH_MS - 86_400_000, 0),
      username: "FactDesk",
      discriminator: "0",
      global_name: null,
      avatar: null,
      bot: true,
      flags: 0 as UserFlags,
      public_flags: 0 as UserFlags,
      ...options.botUser,
    };
    this.defaultUser = this.user({
      id: snowflakeAt(FIXTURE_EPOCH_MS - 2 * 86_400_000, 0),
      username: "reader",
      global_name: "Reader",
      ...options.defaultUser,
    });
    this.users.set(this.botUser.id, this.botUser);
    this.guilds = (options.guilds ?? DEFAULT_GUILD_SEEDS).map((seed) => this.addGuild(seed));
  }

  /** The application id: Discord gives a bot's application the bot user's id. */
  get applicationId(): string {
    return this.botUser.id;
  }

  /** A complete user object from a partial one (a new id when none is given); remembered by id. */
  user(partial: Partial<APIUser> = {}): APIUser {
    const existing = partial.id ? this.users.get(partial.id) : undefined;
    const user: APIUser = {
      id: this.ids.next(),
      username: "someone",
      discriminator: "0",
      global_name: null,
      avatar: null,
      public_flags: 0 as UserFlags,
      ...existing,
      ...partial,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** A user the server has seen (the bot, the default user, anyone who acted), by id. */
  knownUser(userId: string): APIUser | undefined {
    return this.users.get(userId);
  }

  /** The guild with this id, or throws with the ids that exist. */
  guild(guildId: string): LoopbackGuild {
    const state = this.guildStates.get(guildId);
    if (!state) {
      throw new Error(`no loopback guild ${guildId}; known: ${[...this.guildStates.keys()].join(", ")}`);
    }
    return state.summary;
  }

  /** A known channel (guild text channel or DM), or undefined. */
  channel(channelId: string): KnownChannel | undefined {
    return this.channels.get(channelId);
  }

  /** The DM channel between the bot and a user, created on first use (as POST /users/@me/channels does). */
  dmChannelFor(user: APIUser): APIDMChannel {
    const existing = this.dmChannelsByUser.get(user.id);
    if (existing) return existing;
    const channel: APIDMChannel = {
      id: this.ids.next(),
      type: ChannelType.DM,
      last_message_id: null,
      recipients: [user],
      flags: 0 as ChannelFlags,
      name: null,
    };
    this.dmChannelsByUser.set(user.id, channel);
    this.channels.set(channel.id, { kind: "dm", recipient: user, channel });
    return channel;
  }

  /** The guild member for a user, joined on first use. */
  member(guildId: string, user: APIUser): APIGuildMember {
    const state = this.requireGuildState(guildId);
    const existing = state.members.get(user.id);
    if (existing) return { ...existing, user };
    const member: APIGuildMember = {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles: [],
      joined_at: new Date().toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
    state.members.set(user.id, member);
    return member;
  }

  /** The computed permissions of a member of a loopback guild (everyone has @everyone's). */
  memberPermissions(guildId: string): string {
    return this.requireGuildState(guildId).everyoneRole.permissions;
  }

  /** The full GUILD_CREATE payload for a guild, as sent after READY. */
  guildCreatePayload(guildId: string): GatewayGuildCreateDispatchData {
    const state = this.requireGuildState(guildId);
    const botMember = this.member(guildId, this.botUser);
    const { summary } = state;
    return {
      id: summary.id,
      name: summary.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: summary.ownerId,
      region: "",
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.AllMembers,
      roles: [state.everyoneRole],
      emojis: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: summary.textChannelId,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
      rules_channel_id: null,
      max_presences: null,
      max_members: 25_000_000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: "en-US" as GatewayGuildCreateDispatchData["preferred_locale"],
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: GuildNSFWLevel.Default,
      stickers: [],
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      joined_at: botMember.joined_at ?? state.createdAt,
      large: false,
      unavailable: false,
      member_count: state.members.size,
      voice_states: [],
      members: [botMember],
      channels: state.channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      nsfw: false,
    } as GatewayGuildCreateDispatchData;
  }

  /** Stores (or replaces) a message, and marks it as its channel's last message. */
  saveMessage(message: APIMessage): APIMessage {
    this.messages.set(message.id, message);
    const known = this.channels.get(message.channel_id);
    if (known) known.channel.last_message_id = message.id;
    return message;
  }

  /** A stored message by id. */
  message(messageId: string): APIMessage | undefined {
    return this.messages.get(messageId);
  }

  /** Removes a stored message; true when it existed. */
  deleteMessage(messageId: string): boolean {
    return this.messages.delete(messageId);
  }

  /** Every stored message, oldest first; only those of one channel when `channelId` is given. */
  allMessages(channelId?: string): APIMessage[] {
    const all = [...this.messages.values()];
    return channelId ? all.filter((message) => message.channel_id === channelId) : all;
  }

  private addGuild(seed: GuildSeed): LoopbackGuild {
    const id = seed.id ?? this.ids.next();
    const name = seed.name ?? `Guild ${this.guildStates.size + 1}`;
    const channelSeeds = seed.channels?.length ? seed.channels : [{ name: "general" }];
    const channels: APITextChannel[] = channelSeeds.map((channelSeed, position) => ({
      id: channelSeed.id ?? this.ids.next(),
      type: ChannelType.GuildText,
      guild_id: id,
      name: channelSeed.name ?? `channel-${position + 1}`,
      position,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      topic: null,
      last_message_id: null,
      last_pin_timestamp: null,
      rate_limit_per_user: 0,
      default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
      flags: 0 as ChannelFlags,
    }));
    const owner = this.user({ username: `${name.toLowerCase().replace(/\W+/g, "-")}-owner` });
    const everyoneRole: APIRole = {
      id,
      name: "@everyone",
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: EVERYONE_PERMISSIONS.toString(),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
    const summary: LoopbackGuild = {
      id,
      name,
      textChannelId: channels[0]!.id,
      channels: channels.map((channel) => ({ id: channel.id, name: channel.name })),
      everyoneRoleId: id,
      ownerId: owner.id,
    };
    const state: GuildState = {
      summary,
      createdAt: new Date().toISOString(),
      channels,
      everyoneRole,
      members: new Map(),
    };
    this.guildStates.set(id, state);
    for (const channel of channels) this.channels.set(channel.id, { kind: "guild", guildId: id, channel });
    this.member(id, owner);
    this.member(id, this.botUser);
    return summary;
  }

  private requireGuildState(guildId: string): GuildState {
    this.guild(guildId);
    return this.guildStates.get(guildId)!;
  }
}
