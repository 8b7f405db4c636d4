/**
 * Builds complete, realistic INTERACTION_CREATE payloads from the few facts a test gives:
 * slash commands, autocomplete, button clicks and modal submits, in a guild or a DM.
 */
import { randomBytes } from "node:crypto";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteraction,
  type APIMessage,
  type APIUser,
} from "discord-api-types/v10";
import { snowflakeAt } from "./snowflake.js";
import type { CommandRegistry } from "./commandRegistry.js";
import { baseMessage } from "./messages.js";
import type { LoopbackWorld } from "./world.js";

/** Option values by name; types come from the registered command, or are inferred. */
export type OptionValues = Record<string, string | number | boolean>;

/** Where and by whom an interaction happens. Default: the default user in the first guild's text channel. */
export interface InteractionPlace {
  /** A loopback guild; its first text channel is used unless `channelId` is given. */
  guildId?: string;
  /** A channel of that guild, or (with `dm`) ignored. */
  channelId?: string;
  /** In the bot's DM with the user instead of a guild. */
  dm?: boolean;
  /** Who acts; merged over the default user ("reader"). */
  user?: Partial<APIUser>;
  /** The user's client locale (default `en-US`). */
  locale?: string;
  /** The member's permissions in the channel (default: @everyone's). */
  memberPermissions?: string;
  /** The bot's permissions in the channel (default: @everyone's plus sending in threads). */
  appPermissions?: string;
  /** Make the interaction this many milliseconds old on arrival (its id's timestamp), as after gateway lag. */
  ageMs?: number;
}

/** A chat input (slash) command. */
export interface SlashCommandInput extends InteractionPlace {
  kind: "slash";
  name: string;
  options?: OptionValues | APIApplicationCommandInteractionDataOption[];
  subcommand?: string;
  subcommandGroup?: string;
}

/** An autocomplete request while the user types into option `focused`. */
export interface AutocompleteInput extends InteractionPlace {
  kind: "autocomplete";
  name: string;
  /** The option being typed into. */
  focused: string;
  /** Values typed so far; the focused one defaults to "". */
  options?: OptionValues;
  subcommand?: string;
  subcommandGroup?: string;
}

/** A click on a button. */
export interface ButtonInput extends InteractionPlace {
  kind: "button";
  customId: string;
  /** The message carrying the button: a stored message's id, a message, or (default) the bot's last message with that button in the channel. */
  message?: string | APIMessage;
}

/** A submitted modal. */
export interface ModalSubmitInput extends InteractionPlace {
  kind: "modalSubmit";
  customId: string;
  /** Text input values by their custom id. */
  fields: Record<string, string>;
}

/** What `sendInteraction` accepts. */
export type InteractionInput = SlashCommandInput | AutocompleteInput | ButtonInput | ModalSubmitInput;

/** A built interaction and facts the server needs about it. */
export interface BuiltInteraction {
  payload: APIInteraction;
  guildId: string | undefined;
  channelId: string;
  user: APIUser;
  /** The registered command it is for, when one matched. */
  command: APIApplicationCommand | undefined;
  /** The message a component interaction was on. */
  componentMessage: APIMessage | undefined;
}

/** Builds interaction payloads against the world's guilds and the registered commands. */
export class InteractionBuilder {
  constructor(
    private readonly world: LoopbackWorld,
    private readonly commands: CommandRegistry,
  ) {}

  build(input: InteractionInput): BuiltInteraction {
    const { world } = this;
    const user = world.user({ ...world.defaultUser, ...input.user });
    const place = this.resolvePlace(input, user);
    const id = input.ageMs
      ? snowflakeAt(Date.now() - input.ageMs, Math.floor(Math.random() * 0xfff))
      : world.ids.next();
    const token = interactionToken(id);
    const everyone = place.guildId ? BigInt(world.memberPermissions(place.guildId)) : dmPermissions();
    const appPermissions =
      input.appPermissions ?? (everyone | PermissionFlagsBits.SendMessagesInThreads).toString();

    let command: APIApplicationCommand | undefined;
    let componentMessage: APIMessage | undefined;
    let type: InteractionType;
    let data: unknown;
    switch (input.kind) {
      case "slash":
      case "autocomplete": {
        command = this.commands.findByName(input.name, place.guildId);
        type =
          input.kind === "slash"
            ? InteractionType.ApplicationCommand
            : InteractionType.ApplicationCommandAutocomplete;
        data = this.commandData(input, command);
        break;
      }
      case "button": {
        type = InteractionType.MessageComponent;
        componentMessage = this.componentMessage(input, place.channelId);
        data = { custom_id: input.customId, component_type: ComponentType.Button };
        break;
      }
      case "modalSubmit": {
        type = InteractionType.ModalSubmit;
        data = {
          custom_id: input.customId,
          components: Object.entries(input.fields).map(([customId, value]) => ({
            type: ComponentType.ActionRow,
            components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
          })),
        };
        break;
      }
    }

    const payload: Record<string, unknown> = {
      id,
      application_id: world.applicationId,
      type,
      data,
      channel_id: place.channelId,
      channel: place.channel,
      token,
      version: 1,
      app_permissions: appPermissions,
      locale: input.locale ?? "en-US",
      entitlements: [],
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: place.guildId ?? "0" },
      context: place.guildId ? InteractionContextType.Guild : InteractionContextType.BotDM,
      attachment_size_limit: 10_485_760,
    };
    if (componentMessage) payload.message = componentMessage;
    if (place.guildId) {
      const member = world.member(place.guildId, user);
      payload.guild_id = place.guildId;
      payload.guild = { id: place.guildId, locale: "en-US", features: [] };
      payload.guild_locale = "en-US";
      payload.member = { ...member, user, permissions: input.memberPermissions ?? everyone.toString() };
    } else {
      payload.user = user;
    }
    return {
      payload: payload as unknown as APIInteraction,
      guildId: place.guildId,
      channelId: place.channelId,
      user,
      command,
      componentMessage,
    };
  }

  private resolvePlace(
    input: InteractionPlace,
    user: APIUser,
  ): { guildId: string | undefined; channelId: string; channel: unknown } {
    const { world } = this;
    if (input.dm) {
      const channel = world.dmChannelFor(user);
      return { guildId: undefined, channelId: channel.id, channel };
    }
    const guild = world.guild(input.guildId ?? world.guilds[0]!.id);
    const channelId = input.channelId ?? guild.textChannelId;
    const known = world.channel(channelId);
    if (!known || known.kind !== "guild" || known.guildId !== guild.id) {
      throw new Error(`channel ${channelId} is not a text channel of guild ${guild.id}`);
    }
    return { guildId: guild.id, channelId, channel: known.channel };
  }

  private commandData(
    input: SlashCommandInput | AutocompleteInput,
    command: APIApplicationCommand | undefined,
  ): unknown {
    // Without a registered command the id is still stable per name, so repeated runs look alike.
    const commandId = command?.id ?? this.unregisteredCommandId(input.name);
    let definitions: APIApplicationCommandOption[] = command?.options ?? [];
    let leafOptions: APIApplicationCommandInteractionDataOption[];

    if (Array.isArray(input.options)) {
      leafOptions = input.options;
    } else {
      const path = [input.subcommandGroup, input.subcommand].filter((name): name is string => Boolean(name));
      for (const name of path) {
        const nested = definitions.find((definition) => definition.name === name) as
          { options?: APIApplicationCommandOption[] } | undefined;
        definitions = nested?.options ?? [];
      }
      const values: OptionValues = { ...input.options };
      if (input.kind === "autocomplete" && !(input.focused in values)) values[input.focused] = "";
      leafOptions = Object.entries(values).map(([name, value]) => {
        const definition = definitions.find((candidate) => candidate.name === name);
        const type = definition?.type ?? inferOptionType(value);
        const isFocused = input.kind === "autocomplete" && name === input.focused;
        const option = {
          name,
          type,
          // What the user is still typing stays a string; complete values take the option's type.
          value: isFocused ? value : coerceOptionValue(value, type),
        } as APIApplicationCommandInteractionDataOption & { focused?: boolean };
        if (isFocused) option.focused = true;
        return option;
      });
    }

    let options = leafOptions;
    if (input.subcommand) {
      options = [
        { name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options },
      ] as APIApplicationCommandInteractionDataOption[];
    }
    if (input.subcommandGroup) {
      options = [
        { name: input.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options },
      ] as APIApplicationCommandInteractionDataOption[];
    }
    // User options carry the user in `resolved`, as Discord sends them.
    const userIds = leafOptions
      .filter(
        (o) => o.type === ApplicationCommandOptionType.User && typeof o.value === "string" && o.value !== "",
      )
      .map((o) => (o as { value: string }).value);
    const resolved =
      userIds.length > 0
        ? { resolved: { users: Object.fromEntries(userIds.map((id) => [id, this.world.user({ id })])) } }
        : {};
    return {
      id: commandId,
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length > 0 ? { options } : {}),
      ...resolved,
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    };
  }

  private readonly unregisteredIds = new Map<string, string>();

  private unregisteredCommandId(name: string): string {
    let id = this.unregisteredIds.get(name);
    if (!id) {
      id = this.world.ids.next();
      this.unregisteredIds.set(name, id);
    }
    return id;
  }

  /** The message a button sits on: given, or the bot's latest message with that button, or a new one. */
  private componentMessage(input: ButtonInput, channelId: string): APIMessage {
    const { world } = this;
    if (typeof input.message === "object") return input.message;
    if (typeof input.message === "string") {
      const stored = world.message(input.message);
      if (!stored) throw new Error(`no stored message ${input.message} to click a button on`);
      return stored;
    }
    const withButton = world
      .allMessages(channelId)
      .filter(
        (message) =>
          message.author.id === world.botUser.id && hasCustomId(message.components, input.customId),
      )
      .at(-1);
    if (withButton) return withButton;
    const synthesized = baseMessage({
      id: world.ids.next(),
      channel_id: channelId,
      author: world.botUser,
      content: "",
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Primary,
              custom_id: input.customId,
              label: input.customId,
            },
          ],
        },
      ],
    });
    return world.saveMessage(synthesized);
  }
}

/** Infers an option type from a value: strings, integers, numbers, booleans. */
export function inferOptionType(value: string | number | boolean): ApplicationCommandOptionType {
  if (typeof value === "boolean") return ApplicationCommandOptionType.Boolean;
  if (typeof value === "number")
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

/** Turns a string typed for a numeric or boolean option into that type (other values unchanged). */
function coerceOptionValue(
  value: string | number | boolean,
  type: ApplicationCommandOptionType,
): string | number | boolean {
  if (typeof value !== "string") return value;
  if (type === ApplicationCommandOptionType.Integer || type === ApplicationCommandOptionType.Number) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : value;
  }
  if (type === ApplicationCommandOptionType.Boolean) return value === "true";
  return value;
}

/** A token shaped like Discord's interaction tokens: base64url of `interaction:<id>:<secret>`. */
function interactionToken(id: string): string {
  return Buffer.from(`interaction:${id}:${randomBytes(96).toString("base64url")}`).toString("base64url");
}

/** In a DM with the bot, the user can do what a DM allows. */
function dmPermissions(): bigint {
  return (
    PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.AttachFiles |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.AddReactions |
    PermissionFlagsBits.UseExternalEmojis |
    PermissionFlagsBits.UseApplicationCommands
  );
}

function hasCustomId(components: unknown, customId: string): boolean {
  if (!Array.isArray(components)) return false;
  return components.some((component) => {
    if (typeof component !== "object" || component === null) return false;
    const record = component as { custom_id?: unknown; components?: unknown; accessory?: unknown };
    return (
      record.custom_id === customId ||
      hasCustomId(record.components, customId) ||
      hasCustomId([record.accessory], customId)
    );
  });
}
