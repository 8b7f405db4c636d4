import { escapeMarkdown } from "discord.js";

/**
 * Discord's limits on what a bot sends (from Discord's docs, which are stricter than its
 * OpenAPI description; see packages/loopback-discord/openapi/README.md), and helpers that keep
 * text inside them.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** All titles, descriptions, field names and values, footers and author names of a message. */
  embedsTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** A slash command's and an option's description. */
  commandDescription: 100,
  /** An uploaded file's size for a bot (10 MiB); a message's files together too. */
  attachmentBytes: 10 * 1024 * 1024,
  /** An attachment's description (its alt text). */
  attachmentDescription: 1024,
} as const;

/** Cuts text to at most `max` characters (code points kept whole), ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  let out = "";
  for (const char of chars) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}

/**
 * Makes user text safe to echo: Discord markdown is escaped and mention syntax is broken
 * with a zero-width space, so echoed text neither formats nor pings (allowed_mentions is
 * also empty on every reply).
 */
export function escapeUserText(text: string): string {
  // Control and bidi characters dropped, links and invites not repeated: what a member typed is shown, not acted on.
  const plain = text
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\b(?:https?:\/\/|www\.)\S+|\bdiscord(?:\.gg|(?:app)?\.com\/invite)\/\S+/gi, "[link]");
  return escapeMarkdown(plain.replace(/\s+/g, " ").trim(), {
    maskedLink: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
  })
    .replace(/@(everyone|here)/gi, "@\u200b$1")
    .replace(/<(@[!&]?|#)(\d+)>/g, "<\u200b$1$2>");
}
