/**
 * Registers the slash commands by bulk overwrite (the discord.js guide's way): to one server
 * when a guild id is given (instant, for development), else globally.
 */
import { ApplicationIntegrationType, InteractionContextType, REST, Routes } from "discord.js";
import type { KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import { describeSources, listPlaces } from "../view/citationLabel.ts";
import { localizeCommand, readCommandLocales, type CommandTexts } from "./commandLocales.ts";
import type { SlashCommand } from "./slashCommand.ts";

export interface DeployTarget {
  apiUrl: string;
  token: string;
  clientId: string;
  guildId: string | null;
}

/**
 * The registration bodies, exactly as sent: each command's descriptions drawn from the store it
 * answers from, in English and in each language of language/locales/.
 */
export function commandBodies(
  commands: ReadonlyMap<string, SlashCommand>,
  store: KnowledgeStore,
  locales: ReadonlyMap<string, CommandTexts> = readCommandLocales(),
) {
  const fill = (template: string) =>
    template
      .replaceAll("{reports}", describeSources(store.sources))
      .replaceAll("{places}", listPlaces(store.places.map((p) => p.name)));
  return [...commands.values()].map((command) => ({
    ...localizeCommand(command.describe?.(store) ?? command.data, locales, fill),
    // Installable to a server and to a member's own account; usable in servers, the bot's DM and
    // other DMs and group DMs (interaction replies need no membership).
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
    contexts: [
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    ],
  }));
}

/** Registers the commands (or, with `clear`, none: removes a registration made in the wrong scope). */
export async function deployCommands(
  { apiUrl, token, clientId, guildId }: DeployTarget,
  commands: ReadonlyMap<string, SlashCommand>,
  store: KnowledgeStore,
  { clear = false }: { clear?: boolean } = {},
): Promise<number> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(clientId, guildId)
    : Routes.applicationCommands(clientId);
  const registered = (await rest.put(route, {
    body: clear ? [] : commandBodies(commands, store),
  })) as unknown[];
  return registered.length;
}
