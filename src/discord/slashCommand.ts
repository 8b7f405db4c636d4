/** The shape of a module in commands/ (the discord.js guide's: `data` + `execute`, optional `autocomplete`). */
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Factdesk } from "../engine/factdesk.ts";
import type { KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import type { Cooldown } from "./cooldown.ts";
import type { BotMetrics } from "../ops/healthServer.ts";
import type { Logger } from "../ops/logger.ts";

/** What a command needs besides the interaction. */
export interface CommandContext {
  factdesk: Factdesk;
  cooldown: Cooldown;
  logger: Logger;
  /** How long a reply to a message keeps retrying Discord's failures. */
  channelReplyDeadlineMs?: number;
  /** Counts questions by outcome, when the admin watches (FACTDESK_HTTP_PORT). */
  metrics?: BotMetrics | undefined;
}

export interface SlashCommand {
  /** The registration body, as sent to Discord by `npm run deploy-commands`. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** The body with descriptions drawn from the store (its reports, its places), when they name them. */
  describe?(store: KnowledgeStore): RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Asking it counts against the member's cooldown (the router applies it before `execute`). */
  cooldown?: boolean;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
}

/** The `hide` option of the commands whose answer a member may keep to themselves. */
export const HIDE_OPTION = {
  type: ApplicationCommandOptionType.Boolean,
  name: "hide",
  description: "Show the answer only to you",
} as const;
