/**
 * Application commands the bot registered through REST, global and per guild, stored the way
 * Discord does: bulk overwrite keeps the id of a command whose name and type stay the same.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
} from "discord-api-types/v10";
import type { SnowflakeGenerator } from "./snowflake.js";

/** The body of one command in a create, edit or bulk overwrite request (loosely typed: it is untrusted input). */
export type CommandInput = Record<string, unknown>;

/** Global commands and per-guild commands of one application. */
export class CommandRegistry {
  private readonly global = new Map<string, APIApplicationCommand>();
  private readonly perGuild = new Map<string, Map<string, APIApplicationCommand>>();

  constructor(
    private readonly applicationId: string,
    private readonly ids: SnowflakeGenerator,
  ) {}

  /** The global commands, or one guild's commands when `guildId` is given. */
  list(guildId?: string): APIApplicationCommand[] {
    return [...this.scope(guildId).values()];
  }

  /** One command by id, in the given scope. */
  get(commandId: string, guildId?: string): APIApplicationCommand | undefined {
    return this.scope(guildId).get(commandId);
  }

  /**
   * Finds the command an interaction would be for: the guild's command of that name first,
   * then the global one.
   */
  findByName(
    name: string,
    guildId: string | undefined,
    type = ApplicationCommandType.ChatInput,
  ): APIApplicationCommand | undefined {
    const matches = (command: APIApplicationCommand): boolean =>
      command.name === name && command.type === type;
    if (guildId) {
      const guildCommand = this.list(guildId).find(matches);
      if (guildCommand) return guildCommand;
    }
    return this.list().find(matches);
  }

  /** Bulk overwrite (PUT): replaces the scope's commands, keeping ids of same name and type. */
  overwrite(inputs: CommandInput[], guildId?: string): APIApplicationCommand[] {
    const scope = this.scope(guildId);
    const previous = [...scope.values()];
    scope.clear();
    for (const input of inputs) {
      const kept = previous.find(
        (old) => old.name === input.name && old.type === (input.type ?? ApplicationCommandType.ChatInput),
      );
      const command = this.build(input, guildId, kept?.id);
      scope.set(command.id, command);
    }
    return this.list(guildId);
  }

  /** Create (POST): adds a command, or replaces the one with the same name and type. */
  upsert(input: CommandInput, guildId?: string): { command: APIApplicationCommand; created: boolean } {
    const scope = this.scope(guildId);
    const type = input.type ?? ApplicationCommandType.ChatInput;
    const existing = [...scope.values()].find((old) => old.name === input.name && old.type === type);
    const command = this.build(input, guildId, existing?.id);
    scope.set(command.id, command);
    return { command, created: !existing };
  }

  /** Edit (PATCH): merges the given fields into an existing command. */
  edit(commandId: string, input: CommandInput, guildId?: string): APIApplicationCommand | undefined {
    const scope = this.scope(guildId);
    const existing = scope.get(commandId);
    if (!existing) return undefined;
    const command = this.build({ ...existing, ...input }, guildId, commandId);
    scope.set(commandId, command);
    return command;
  }

  /** Delete: true when the command existed. */
  delete(commandId: string, guildId?: string): boolean {
    return this.scope(guildId).delete(commandId);
  }

  private scope(guildId: string | undefined): Map<string, APIApplicationCommand> {
    if (!guildId) return this.global;
    let scope = this.perGuild.get(guildId);
    if (!scope) {
      scope = new Map();
      this.perGuild.set(guildId, scope);
    }
    return scope;
  }

  private build(
    input: CommandInput,
    guildId: string | undefined,
    id: string | undefined,
  ): APIApplicationCommand {
    const permissions = input.default_member_permissions;
    const command = {
      ...input,
      id: id ?? this.ids.next(),
      application_id: this.applicationId,
      version: this.ids.next(),
      type: (input.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput,
      name: textOf(input.name),
      name_localizations: input.name_localizations ?? null,
      description: textOf(input.description),
      description_localizations: input.description_localizations ?? null,
      default_member_permissions:
        permissions === undefined || permissions === null ? null : textOf(permissions),
      dm_permission: input.dm_permission ?? true,
      nsfw: input.nsfw ?? false,
      integration_types: input.integration_types ?? [ApplicationIntegrationType.GuildInstall],
      contexts: input.contexts ?? null,
      options: (input.options as APIApplicationCommandOption[] | undefined) ?? [],
    } as APIApplicationCommand;
    if (guildId) command.guild_id = guildId;
    else delete command.guild_id;
    return command;
  }
}

/** A JSON scalar as text ("" for anything else). */
function textOf(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : "";
}
