/** The loopback Discord-compatible server for tests and a local playground. */
export { LoopbackDiscord } from "./loopbackDiscord.js";
export type {
  LoopbackDiscordEvents,
  LoopbackDiscordOptions,
  MessageInput,
  SessionInfo,
  Delivery,
} from "./loopbackDiscord.js";
export type {
  InteractionCallback,
  InteractionEvent,
  InteractionHandle,
  MessageHandle,
  FinalMessageOptions,
  ReplyOptions,
} from "./handles.js";
export type {
  InteractionInput,
  SlashCommandInput,
  AutocompleteInput,
  ButtonInput,
  ModalSubmitInput,
  OptionValues,
} from "./interactionPayloads.js";
export type { RecordedRequest, RestFault, RestFaultSpec } from "./restApi.js";
export type { GuildSeed, LoopbackGuild } from "./world.js";
export { RequestValidator, DOCUMENTED_LIMITS, type ValidationIssue } from "./validateRequest.js";
export { snowflakeAt, shardForGuild, SnowflakeGenerator } from "./snowflake.js";
