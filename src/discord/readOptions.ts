/**
 * Reads slash-command options leniently: a value of the wrong type (an old client, a changed
 * command definition) is read as text instead of throwing, so the member still gets an answer.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction } from "discord.js";

type WithOptions = ChatInputCommandInteraction | AutocompleteInteraction;

const raw = (interaction: WithOptions, name: string) =>
  interaction.options.data.find((o) => o.name === name)?.value;

/** The option as text; null when absent. */
export function textOption(interaction: WithOptions, name: string): string | null {
  const value = raw(interaction, name);
  return value === undefined || value === null ? null : String(value);
}

/** The option as a yes/no; false when absent or not a boolean. */
export function flagOption(interaction: WithOptions, name: string): boolean {
  return raw(interaction, name) === true;
}

/** A user option's id; null when absent or not an id. */
export function userIdOption(interaction: WithOptions, name: string): string | null {
  const value = raw(interaction, name);
  return typeof value === "string" && /^\d{17,20}$/.test(value) ? value : null;
}
