/**
 * What tests hold after acting as a user: an InteractionHandle (the bot's callback, its edits
 * of the original response and its follow-ups) and a MessageHandle (the bot's reply).
 */
import {
  InteractionResponseType,
  MessageFlags,
  type APIInteraction,
  type APIMessage,
} from "discord-api-types/v10";
import type { Delivery } from "./gateway.js";
import type { BuiltInteraction } from "./interactionPayloads.js";
import type { GatewayMessage } from "./messages.js";
import { ChangeNotifier, isNewer } from "./waiting.js";
import type { LoopbackWorld } from "./world.js";

/** The bot's answer to POST /interactions/{id}/{token}/callback. */
export interface InteractionCallback {
  type: InteractionResponseType;
  /** The callback's `data` (message fields, autocomplete choices, modal…), if any. */
  data: Record<string, unknown> | undefined;
  /** Milliseconds between dispatching the interaction and receiving the callback. */
  receivedAfterMs: number;
  /** The id of the recorded request (see `LoopbackDiscord.requests`). */
  requestId: number;
}

/** Everything that happened to an interaction, in order. */
export type InteractionEvent =
  | { kind: "callback"; at: number; callback: InteractionCallback }
  | { kind: "originalEdited"; at: number; message: APIMessage; requestId: number }
  | { kind: "originalDeleted"; at: number; requestId: number }
  | { kind: "followUp"; at: number; message: APIMessage; requestId: number }
  | { kind: "followUpEdited"; at: number; message: APIMessage; requestId: number }
  | { kind: "followUpDeleted"; at: number; messageId: string; requestId: number };

/** Server-side state of one dispatched interaction. */
export class InteractionRecord {
  readonly events: InteractionEvent[] = [];
  readonly changes = new ChangeNotifier();
  readonly dispatchedAt = Date.now();
  callback: InteractionCallback | undefined;
  /** The message the original response is (created by the callback, or the component's message for types 6/7). */
  originalMessageId: string | undefined;
  readonly followUpIds: string[] = [];
  /** Callback attempts the server refused (late, repeated, wrong type…), for error messages. */
  readonly refusedCallbacks: { status: number; code: number; message: string; requestId: number }[] = [];
  deliveries: Delivery[] | undefined;

  constructor(readonly built: BuiltInteraction) {}

  get id(): string {
    return this.built.payload.id;
  }

  get token(): string {
    return this.built.payload.token;
  }

  /** Appends an event and wakes up waiters. */
  push(event: InteractionEvent): void {
    this.events.push(event);
    this.changes.notify();
  }
}

const CALLBACK_NAMES: Record<number, string> = {
  1: "PONG",
  4: "CHANNEL_MESSAGE_WITH_SOURCE",
  5: "DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE",
  6: "DEFERRED_UPDATE_MESSAGE",
  7: "UPDATE_MESSAGE",
  8: "APPLICATION_COMMAND_AUTOCOMPLETE_RESULT",
  9: "MODAL",
  12: "LAUNCH_ACTIVITY",
};

/** Names an interaction response type for messages: `DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE (5)`. */
export function describeCallbackType(type: number): string {
  return `${CALLBACK_NAMES[type] ?? "UNKNOWN"} (${type})`;
}

/** Options for waiting on the message an interaction ends with. */
export interface FinalMessageOptions {
  /** How long to wait in total (default 5000 ms). */
  timeoutMs?: number;
  /** After the first final state, wait until the message has not changed for this long (default 0). */
  settleMs?: number;
}

/** A test's view of one interaction it sent. */
export class InteractionHandle {
  constructor(
    private readonly record: InteractionRecord,
    private readonly world: LoopbackWorld,
    /** Resolves once the INTERACTION_CREATE went out (possibly after waiting for a shard to connect). */
    readonly delivered: Promise<Delivery[]>,
  ) {}

  /** The interaction's id. */
  get id(): string {
    return this.record.id;
  }

  /** The interaction token (for webhook follow-ups). */
  get token(): string {
    return this.record.token;
  }

  /** The INTERACTION_CREATE data that was dispatched. */
  get payload(): APIInteraction {
    return this.record.built.payload;
  }

  /** The shards the interaction was delivered to (empty until delivered). */
  get shardIds(): number[] {
    return (this.record.deliveries ?? []).map((delivery) => delivery.shardId);
  }

  /** The callback, once the bot answered. */
  get callback(): InteractionCallback | undefined {
    return this.record.callback;
  }

  /** The current state of the original response message, if there is one. */
  get originalMessage(): APIMessage | undefined {
    const id = this.record.originalMessageId;
    return id ? this.world.message(id) : undefined;
  }

  /** The follow-up messages, in their current state, oldest first. */
  get followUps(): APIMessage[] {
    return this.record.followUpIds
      .map((id) => this.world.message(id))
      .filter((message): message is APIMessage => Boolean(message));
  }

  /** Everything that happened to the interaction, in order. */
  get events(): readonly InteractionEvent[] {
    return this.record.events;
  }

  /** Waits for the bot's callback (Discord allows 3 s, the default timeout). */
  waitForResponse(timeoutMs = 3000): Promise<InteractionCallback> {
    return this.record.changes.until(
      () => this.record.callback,
      timeoutMs,
      () => `interaction ${this.id} got no callback within ${timeoutMs} ms${this.deliveryNote()}`,
    );
  }

  /**
   * Waits for the message the interaction ends with: the reply (type 4), the updated message
   * (type 7), or the original response once a deferred callback (type 5 or 6) has been edited.
   * Rejects when the callback was one that carries no message (autocomplete result, modal).
   */
  async waitForFinalMessage(options: FinalMessageOptions | number = {}): Promise<APIMessage> {
    const { timeoutMs = 5000, settleMs = 0 } = typeof options === "number" ? { timeoutMs: options } : options;
    const deadline = Date.now() + timeoutMs;
    const first = await this.record.changes.until(
      () => this.finalMessageNow(),
      timeoutMs,
      () => `interaction ${this.id} has no final message after ${timeoutMs} ms: ${this.summary()}`,
    );
    if (settleMs <= 0) return first;
    let latest = first;
    let eventsSeen = this.record.events.length;
    while (Date.now() < deadline) {
      const quietFor = Math.min(settleMs, deadline - Date.now());
      try {
        await this.record.changes.never(
          () => (this.record.events.length > eventsSeen ? true : undefined),
          quietFor,
          () => "changed",
        );
        return this.finalMessageNow() ?? latest;
      } catch {
        eventsSeen = this.record.events.length;
        latest = this.finalMessageNow() ?? latest;
      }
    }
    return latest;
  }

  /** Waits for follow-up number `index` (0 = the first). */
  waitForFollowUp(index = 0, timeoutMs = 5000): Promise<APIMessage> {
    return this.record.changes.until(
      () => this.followUps[index],
      timeoutMs,
      () =>
        `interaction ${this.id} has ${this.followUps.length} follow-up(s) after ${timeoutMs} ms, wanted #${index + 1}`,
    );
  }

  /** Resolves after `ms` if the bot sent no callback; rejects as soon as it does. */
  expectNoResponse(ms: number): Promise<void> {
    return this.record.changes.never(
      () => this.record.callback,
      ms,
      (callback) => `interaction ${this.id} was answered with ${describeCallbackType(callback.type)}`,
    );
  }

  private finalMessageNow(): APIMessage | undefined {
    const callback = this.record.callback;
    if (!callback) return undefined;
    switch (callback.type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.UpdateMessage:
        return this.originalMessage;
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const message = this.originalMessage;
        return message && ((message.flags ?? 0) & MessageFlags.Loading) === 0 ? message : undefined;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        return this.record.events.some((event) => event.kind === "originalEdited")
          ? this.originalMessage
          : undefined;
      default:
        throw new Error(
          `interaction ${this.id} was answered with ${describeCallbackType(callback.type)}, which carries no message`,
        );
    }
  }

  private deliveryNote(): string {
    const refused = this.record.refusedCallbacks
      .map(
        (refusal) => `; a callback was refused with ${refusal.status} ${refusal.message} (${refusal.code})`,
      )
      .join("");
    if (this.record.deliveries === undefined) {
      return ` (it was never delivered: no gateway session for its shard)${refused}`;
    }
    if (this.record.deliveries.length === 0) return ` (no session received it)${refused}`;
    return ` (delivered to shard ${this.shardIds.join(", ")})${refused}`;
  }

  private summary(): string {
    if (this.record.events.length === 0) return `nothing happened${this.deliveryNote()}`;
    return this.record.events
      .map((event) =>
        event.kind === "callback" ? `callback ${describeCallbackType(event.callback.type)}` : event.kind,
      )
      .join(", ");
  }
}

/** Options for waiting on a reply to a message. */
export interface ReplyOptions {
  timeoutMs?: number;
  /** Also accept a bot message in the same channel that does not reference the message (default false). */
  anyInChannel?: boolean;
}

/** A test's view of one message a user sent. */
export class MessageHandle {
  constructor(
    /** The MESSAGE_CREATE data as dispatched (before per-session intent filtering). */
    readonly message: GatewayMessage,
    private readonly world: LoopbackWorld,
    private readonly botActivity: ChangeNotifier,
    /** Resolves with the sessions that got the MESSAGE_CREATE. */
    readonly delivered: Promise<Delivery[]>,
  ) {}

  /** The message id. */
  get id(): string {
    return this.message.id;
  }

  /** Bot messages replying to this one (by `message_reference`), oldest first. */
  replies(anyInChannel = false): APIMessage[] {
    return this.world
      .allMessages(this.message.channel_id)
      .filter(
        (candidate) =>
          candidate.author.id === this.world.botUser.id &&
          isNewer(candidate.id, this.message.id) &&
          (anyInChannel || candidate.message_reference?.message_id === this.message.id),
      );
  }

  /** Waits for the bot's first reply. */
  waitForReply(options: ReplyOptions | number = {}): Promise<APIMessage> {
    const { timeoutMs = 5000, anyInChannel = false } =
      typeof options === "number" ? { timeoutMs: options } : options;
    return this.botActivity.until(
      () => this.replies(anyInChannel)[0],
      timeoutMs,
      () => `no bot reply to message ${this.id} within ${timeoutMs} ms`,
    );
  }

  /**
   * Resolves after `ms` if the bot neither replied nor posted in the channel; rejects as soon as it does.
   */
  expectNoReply(ms: number): Promise<void> {
    return this.botActivity.never(
      () => this.replies(true)[0],
      ms,
      (reply) => `the bot answered message ${this.id}: ${JSON.stringify(reply.content)}`,
    );
  }
}
