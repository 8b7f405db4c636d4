/**
 * What one row of the fault suite counts. Every question asked goes through a ledger, which
 * afterwards reads what the emulator recorded: the messages the bot created for each question
 * (by interaction, by message reference and by nonce), every request body the bot sent (pings,
 * Discord's limits) and the bot's log lines (crashes).
 */
import { MessageFlags, type APIMessage } from "discord.js";
import type {
  InteractionHandle,
  InteractionInput,
  LoopbackDiscord,
  MessageHandle,
  MessageInput,
  RecordedRequest,
  RestFault,
  RestFaultSpec,
} from "@factdesk/loopback-discord";
import { renderError } from "../../src/discord/renderReply.ts";

/** The counts of one row; every one but `inputs` must be zero. */
export interface RowCounts {
  /** Questions (and other inputs: autocompletes, clicks) sent to the bot. */
  inputs: number;
  /** The bot process or client died, or logged an error its own code threw. */
  crashes: number;
  /** Messages whose allowed_mentions would ping, or whose content has @everyone / @here unescaped. */
  pings: number;
  /** Requests whose body broke Discord's OpenAPI description or documented limits. */
  limitViolations: number;
  /** Questions with no reply (or only the "something went wrong" notice). */
  lost: number;
  /** Replies beyond one per question, and bot messages that answer no question. */
  duplicated: number;
}

export interface FaultRow extends RowCounts {
  fault: string;
  /**
   * What fails the row outside the columns: a fault that never fired (the row proved nothing),
   * the token in a process's output.
   */
  problems: number;
  /** What went wrong, for the lines under the table (empty when the row is clean). */
  notes: string[];
  /** Worth knowing but counted by no column (printed under the table). */
  observations: string[];
  ms: number;
}

type Asked =
  | { kind: "interaction"; handle: InteractionHandle; autocomplete: boolean; label: string }
  | { kind: "message"; handle: MessageHandle; label: string };

const ERROR_NOTICE = renderError().content;

export class Ledger {
  readonly asked: Asked[] = [];
  readonly notes: string[] = [];
  /** Worth knowing, but no column counts it. */
  readonly observations: string[] = [];
  /** Inputs that are not questions with a reply to count (a signal, a revocation). */
  otherInputs = 0;
  crashes = 0;
  problems = 0;
  private readonly watched: { fault: RestFault; label: string }[] = [];

  constructor(readonly server: LoopbackDiscord) {}

  /** A slash command or button click; it must end with exactly one message. */
  interaction(input: InteractionInput, label = describeInput(input)): InteractionHandle {
    const handle = this.server.sendInteraction(input);
    this.asked.push({ kind: "interaction", handle, autocomplete: input.kind === "autocomplete", label });
    return handle;
  }

  /** A message for the bot (a mention or a DM); it must get exactly one reply. */
  message(
    input: MessageInput,
    label = `message ${JSON.stringify(input.content.slice(0, 40))}`,
  ): MessageHandle {
    const handle = this.server.sendMessage(input);
    this.asked.push({ kind: "message", handle, label });
    return handle;
  }

  /** Injects a REST fault that must fire at least once for the row to count. */
  fault(spec: RestFaultSpec, label = `${spec.method ?? "any"} ${String(spec.pathPattern)}`): RestFault {
    const fault = this.server.injectRestFault(spec);
    this.watched.push({ fault, label });
    return fault;
  }

  /** Something that fails the row although no column counts it. */
  problem(note: string): void {
    this.problems += 1;
    this.notes.push(`problem: ${note}`);
  }

  /** Counts a crash with what happened. */
  crash(note: string): void {
    this.crashes += 1;
    this.notes.push(`crash: ${note}`);
  }

  /** The messages the bot created for one question (for autocomplete: its one callback). */
  replies(asked: Asked): APIMessage[] | number {
    if (asked.kind === "interaction") {
      const { handle } = asked;
      if (asked.autocomplete) return handle.callback ? 1 : 0;
      const original = handle.originalMessage;
      const messages = handle.followUps;
      if (original && ((original.flags ?? 0) & MessageFlags.Loading) === 0) messages.unshift(original);
      return messages;
    }
    const byReference = asked.handle.replies();
    const ids = new Set(byReference.map((message) => message.id));
    const byNonce = this.server.requests
      .filter(
        (request) =>
          request.method === "POST" &&
          request.status === 200 &&
          isRecord(request.body) &&
          request.body.nonce === asked.handle.id &&
          isRecord(request.responseBody) &&
          typeof request.responseBody.id === "string" &&
          !ids.has(request.responseBody.id),
      )
      .map((request) => request.responseBody as APIMessage);
    return [...byReference, ...new Map(byNonce.map((message) => [message.id, message])).values()];
  }

  private answeredCount(asked: Asked): number {
    const replies = this.replies(asked);
    if (typeof replies === "number") return replies;
    return replies.filter((message) => message.content !== ERROR_NOTICE).length;
  }

  /** Waits until every question has a reply, or `timeoutMs` passed. */
  async waitForReplies(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.asked.some((asked) => this.answeredCount(asked) === 0))
      await sleep(50);
  }

  /**
   * Waits until the bot has had no request in flight and sent none for `quietMs` (a retry or a
   * second answer would come in that time), at most `timeoutMs`.
   */
  async settle(quietMs = 1_000, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = this.server.requests.length;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      await sleep(50);
      const requests = this.server.requests;
      const pending = requests.some((request) => request.respondedAt === null);
      if (requests.length !== seen || pending) {
        seen = requests.length;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) return;
    }
  }

  /** The row's counts, from what the emulator recorded and the bot's log lines. */
  count(logs: readonly string[]): RowCounts {
    let lost = 0;
    let duplicated = 0;
    const attributed = new Set<string>();
    for (const asked of this.asked) {
      const replies = this.replies(asked);
      if (typeof replies !== "number") for (const message of replies) attributed.add(message.id);
      if (asked.kind === "interaction") {
        const original = asked.handle.originalMessage;
        if (original) attributed.add(original.id);
        // The message a clicked button is on (the emulator makes one when none carries the button).
        const clickedOn = (asked.handle.payload as { message?: { id?: string } }).message?.id;
        if (clickedOn) attributed.add(clickedOn);
      }
      const answered = this.answeredCount(asked);
      const all = typeof replies === "number" ? replies : replies.length;
      if (answered === 0) {
        lost += 1;
        this.notes.push(
          `lost: ${asked.label}${all > 0 ? " (only the “something went wrong” notice)" : ""}${
            asked.kind === "interaction" ? ` — ${summarize(asked.handle)}` : ""
          }`,
        );
      }
      if (all > 1) {
        duplicated += all - 1;
        this.notes.push(`duplicated: ${asked.label} got ${all} messages`);
      }
    }
    const strays = this.server
      .botMessages()
      .filter((message) => !attributed.has(message.id) && message.interaction_metadata === undefined);
    for (const stray of strays) {
      duplicated += 1;
      this.notes.push(`duplicated: a bot message answering no question: ${JSON.stringify(stray.content)}`);
    }

    let pings = 0;
    let limitViolations = 0;
    for (const request of this.server.requests) {
      if (request.validationErrors.length > 0) {
        limitViolations += 1;
        this.notes.push(
          `limit: ${request.method} ${request.route}: ${request.validationErrors
            .map((issue) => `${issue.pointer || "/"} ${issue.message}`)
            .join("; ")}`,
        );
      }
      for (const body of messageBodies(request)) {
        const why = pingIn(body);
        if (why) {
          pings += 1;
          this.notes.push(`ping: ${request.method} ${request.route}: ${why}`);
        }
        const shown = controlCharactersIn(body);
        if (shown) this.observations.push(`a control or bidi character shown in ${shown}`);
      }
    }

    for (const { fault, label } of this.watched)
      if (fault.hits === 0) this.problem(`the fault ${label} never fired: the row proved nothing`);
    const crashes = this.crashes + crashesInLogs(logs, this.notes);
    return {
      inputs: this.asked.length + this.otherInputs,
      crashes,
      pings,
      limitViolations,
      lost,
      duplicated,
    };
  }
}

/** The message bodies a request carries: a channel message, an interaction response, a follow-up or an edit. */
export function messageBodies(request: RecordedRequest): Record<string, unknown>[] {
  const { body, method, route } = request;
  if (!isRecord(body) || (method !== "POST" && method !== "PATCH")) return [];
  if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(route))
    return (body.type === 4 || body.type === 7) && isRecord(body.data) ? [body.data] : [];
  if (/^\/channels\/\d+\/messages(?:\/\d+)?$/.test(route)) return [body];
  if (/^\/webhooks\/\d+\/[^/]+(?:\/messages\/[^/]+)?$/.test(route)) return [body];
  return [];
}

/** Why a message body would ping someone, or null: allowed_mentions must parse nothing and name no one. */
export function pingIn(body: Record<string, unknown>): string | null {
  const mentions = body.allowed_mentions;
  if (!isRecord(mentions)) return "no allowed_mentions (Discord would parse every mention)";
  if (!Array.isArray(mentions.parse) || mentions.parse.length > 0)
    return `allowed_mentions.parse is ${JSON.stringify(mentions.parse)}`;
  for (const key of ["users", "roles"] as const) {
    const listed = mentions[key];
    if (listed !== undefined && (!Array.isArray(listed) || listed.length > 0))
      return `allowed_mentions.${key} is ${JSON.stringify(listed)}`;
  }
  if (mentions.replied_user === true) return "allowed_mentions.replied_user is true";
  // Only a message's content can mention anyone; embeds never ping.
  const content = typeof body.content === "string" ? body.content : "";
  return /(?<!\\)@(?:everyone|here)/i.test(content)
    ? `unescaped @everyone/@here in the content ${JSON.stringify(content.slice(0, 80))}`
    : null;
}

/** C0 controls other than tab and newline, DEL, C1 controls, and bidi marks, embeddings, overrides and isolates. */
const CONTROL_OR_BIDI = /(?![\t\n])[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Where a message body shows a control or bidi character (echoed from what a member typed), or null. */
export function controlCharactersIn(body: Record<string, unknown>): string | null {
  const text = textsOf(body).find((t) => CONTROL_OR_BIDI.test(t));
  return text === undefined ? null : JSON.stringify(text.slice(0, 60));
}

/** The message's text: content, every embed's title, description, fields, footer and author, and button labels. */
function textsOf(body: Record<string, unknown>): string[] {
  const texts: string[] = [];
  if (typeof body.content === "string") texts.push(body.content);
  for (const embed of Array.isArray(body.embeds) ? body.embeds : []) {
    if (!isRecord(embed)) continue;
    for (const key of ["title", "description"]) if (typeof embed[key] === "string") texts.push(embed[key]);
    for (const key of ["footer", "author"]) {
      const part = embed[key];
      if (isRecord(part) && typeof part.text === "string") texts.push(part.text);
      if (isRecord(part) && typeof part.name === "string") texts.push(part.name);
    }
    for (const field of Array.isArray(embed.fields) ? embed.fields : [])
      if (isRecord(field)) texts.push(String(field.name), String(field.value));
  }
  for (const row of Array.isArray(body.components) ? body.components : [])
    for (const component of isRecord(row) && Array.isArray(row.components) ? row.components : [])
      if (isRecord(component) && typeof component.label === "string") texts.push(component.label);
  return texts;
}

/** Errors Discord's side caused (refusals, 5xx, timeouts, resets), as the bot's logger writes them. */
const DISCORD_SIDE_TYPES =
  /^(?:DiscordAPIError|HTTPError|AbortError|TimeoutError|SocketError|RateLimitError)/;
const NETWORK_MESSAGES =
  /ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|other side closed|fetch failed|aborted/i;

/**
 * Crashes in log lines: a fatal line, a client error, an unhandled rejection or uncaught
 * exception, or an error line whose error the bot's own code threw (not Discord's side). Lines
 * that are not JSON are a crash too (a stack trace), except the one "factdesk: …" line of a
 * process that stops on purpose.
 */
export function crashesInLogs(lines: readonly string[], notes: string[]): number {
  let crashes = 0;
  for (const line of lines) {
    if (line.trim() === "" || line.startsWith("factdesk: ")) continue;
    let entry: {
      level?: number;
      msg?: string;
      err?: { type?: string; name?: string; message?: string; stack?: string };
    };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      crashes += 1;
      notes.push(`crash: a line that is not a log entry: ${line.slice(0, 160)}`);
      continue;
    }
    const level = entry.level ?? 0;
    const err = entry.err;
    // The logger writes `type: "Object"` for scrubbed errors: the name is in `name` or the stack.
    const name = err?.name ?? /^([\w$[\]]+)/.exec(err?.stack ?? "")?.[1] ?? err?.type ?? "";
    const ownError =
      err !== undefined && !DISCORD_SIDE_TYPES.test(name) && !NETWORK_MESSAGES.test(err.message ?? "");
    if (
      level >= 60 ||
      (level >= 50 &&
        (ownError || /client error|unhandled rejection|uncaught exception/i.test(entry.msg ?? "")))
    ) {
      crashes += 1;
      notes.push(`crash: ${entry.msg ?? "?"}: ${name} ${err?.message ?? ""}`.trim());
    }
  }
  return crashes;
}

function summarize(handle: InteractionHandle): string {
  const events = handle.events.map((event) => event.kind).join(", ");
  return `callback ${handle.callback ? `type ${handle.callback.type}` : "none"}${events ? `; ${events}` : ""}`;
}

function describeInput(input: InteractionInput): string {
  const where = input.dm ? "in a DM" : "in a server";
  switch (input.kind) {
    case "slash":
    case "autocomplete":
      return `${input.kind} /${input.name} ${JSON.stringify(input.options ?? {}).slice(0, 60)} ${where}`;
    case "button":
      return `button ${JSON.stringify(input.customId.slice(0, 40))} ${where}`;
    case "modalSubmit":
      return `modal ${input.customId} ${where}`;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
