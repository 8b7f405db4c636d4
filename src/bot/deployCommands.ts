/**
 * Registers the slash commands by bulk overwrite (the discord.js guide's way): to one server
 * when a guild id is given (instant, for development), else globally.
 */
import { REST, Routes } from "discord.js";
import { commands } from "../../commands/index.ts";

export interface DeployTarget {
  apiUrl: string;
  token: string;
  clientId: string;
  guildId: string | null;
}

/** The registration bodies, exactly as sent. */
export function commandBodies() {
  return [...commands.values()].map((command) => command.data);
}

export async function deployCommands({ apiUrl, token, clientId, guildId }: DeployTarget): Promise<number> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(clientId, guildId)
    : Routes.applicationCommands(clientId);
  const registered = (await rest.put(route, { body: commandBodies() })) as unknown[];
  return registered.length;
}
