/**
 * `npm run deploy-commands [-- --clear]`: registers the slash commands (to the server of
 * DISCORD_GUILD_ID when set, else globally); `--clear` removes them from that scope instead, for a
 * server that shows every command twice because both were registered.
 */
import { commands } from "../../commands/index.ts";
import { ConfigError, loadDotenv, readBotConfig } from "../ops/config.ts";
import { LocaleError } from "../discord/commandLocales.ts";
import { deployCommands } from "../discord/deployCommands.ts";
import { KnowledgeError, loadKnowledge } from "../knowledge/loadKnowledge.ts";

loadDotenv();
const clear = process.argv.slice(2).includes("--clear");
try {
  const config = readBotConfig();
  if (!config.token)
    throw new ConfigError("DISCORD_TOKEN", "is not set; deploy-commands needs the bot token");
  if (!config.clientId)
    throw new ConfigError("DISCORD_CLIENT_ID", "is not set; deploy-commands needs the application id");
  const count = await deployCommands(
    {
      apiUrl: config.apiUrl,
      token: config.token,
      clientId: config.clientId,
      guildId: config.guildId,
    },
    commands,
    loadKnowledge(config.knowledgeDir),
    { clear },
  );
  const scope = config.guildId ? `server ${config.guildId}` : "global scope";
  process.stdout.write(
    clear
      ? `Removed every command from the ${scope}.\n`
      : `Registered ${count} commands ${config.guildId ? `to server ${config.guildId} (instant)` : "globally (may take up to an hour to appear)"}.\n`,
  );
} catch (error) {
  if (error instanceof ConfigError || error instanceof KnowledgeError || error instanceof LocaleError) {
    process.stderr.write(`factdesk: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    const token = process.env.DISCORD_TOKEN?.trim();
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `factdesk: could not register commands: ${token ? message.split(token).join("[redacted]") : message}\n`,
    );
    process.exitCode = 1;
  }
}
