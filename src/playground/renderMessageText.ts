/** Renders a Discord message (as the loopback server stored it) as readable terminal text. */
import { ComponentType, MessageFlags, type APIEmbed, type APIMessage } from "discord.js";

/** The buttons of a message, in order, as [label, custom id]. */
export function messageButtons(
  message: Pick<APIMessage, "components">,
): Array<{ label: string; customId: string }> {
  return (message.components ?? []).flatMap((row) =>
    "components" in row
      ? row.components.flatMap((c) =>
          c.type === ComponentType.Button && "custom_id" in c
            ? [{ label: c.label ?? "", customId: c.custom_id }]
            : [],
        )
      : [],
  );
}

function embedLines(embed: APIEmbed): string[] {
  const lines: string[] = [];
  if (embed.author?.name) lines.push(embed.author.name);
  if (embed.title) lines.push(`【 ${embed.title} 】`);
  if (embed.description) lines.push(...embed.description.split("\n"));
  for (const field of embed.fields ?? [])
    lines.push("", `${field.name}:`, ...field.value.split("\n").map((l) => `  ${l}`));
  // An image (the /city map) cannot show in a terminal: its file is named instead.
  if (embed.image?.url) lines.push("", `[image: ${embed.image.url.replace(/^attachment:\/\//, "")}]`);
  if (embed.footer?.text) lines.push("", `— ${embed.footer.text}`);
  return lines;
}

export function renderMessageText(
  message: Pick<APIMessage, "content" | "embeds" | "components" | "flags">,
): string {
  const lines: string[] = [];
  if ((message.flags ?? 0) & MessageFlags.Ephemeral) lines.push("(only you can see this)");
  if (message.content) lines.push(message.content);
  for (const embed of message.embeds) lines.push(...embedLines(embed));
  const buttons = messageButtons(message);
  if (buttons.length > 0) {
    lines.push("", "Buttons — type the number to click:");
    buttons.forEach((b, i) => lines.push(`  [${i + 1}] ${b.label}`));
  }
  return lines.map((l) => `│ ${l}`.trimEnd()).join("\n");
}
