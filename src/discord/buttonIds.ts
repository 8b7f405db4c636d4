/**
 * Custom ids of the bot's buttons. They are versioned so that a button on an old message,
 * sent by an earlier version, is recognised and answered politely rather than misread.
 */
const ASK_PREFIX = "factdesk:v1:ask:";

/** The id of a button that asks the given fact's question. */
export function askButtonId(factId: string): string {
  return `${ASK_PREFIX}${factId}`;
}

export type ParsedButtonId = { kind: "ask"; factId: string } | { kind: "unknown" };

export function parseButtonId(customId: string): ParsedButtonId {
  if (customId.startsWith(ASK_PREFIX)) return { kind: "ask", factId: customId.slice(ASK_PREFIX.length) };
  return { kind: "unknown" };
}
