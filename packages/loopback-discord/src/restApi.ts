/**
 * The loopback REST API under /api/v10: routing, bearer checks, body parsing (JSON and
 * multipart), recording with OpenAPI validation, injected faults, and the route handlers
 * for what a discord.js bot calls: gateway info, users, commands, interaction callbacks,
 * webhook follow-ups, channel messages, typing and reactions.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ChannelType,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from "discord-api-types/v10";
import type { CommandInput, CommandRegistry } from "./commandRegistry.js";
import type { DispatchTarget, Gateway } from "./gateway.js";
import { describeCallbackType, type InteractionRecord } from "./handles.js";
import {
  attachmentsFor,
  botMessageFromBody,
  editedMessage,
  isEmptyMessageBody,
  messageForSession,
  type GatewayMessage,
  type MessageBody,
  type UploadedFile,
} from "./messages.js";
import type { RequestValidator, ValidationIssue } from "./validateRequest.js";
import type { ChangeNotifier } from "./waiting.js";
import { APPLICATION_FLAGS, type LoopbackWorld } from "./world.js";

/** One REST request as the server saw and answered it. */
export interface RecordedRequest {
  /** Increasing number, in arrival order. */
  id: number;
  method: string;
  /** The full path, e.g. `/api/v10/channels/1/messages`. */
  path: string;
  /** The path below the API version, e.g. `/channels/1/messages`. */
  route: string;
  /** The matching operation of Discord's OpenAPI description, e.g. `post /channels/{channel_id}/messages`. */
  operation: string | null;
  query: Record<string, string>;
  /** Parsed JSON body, a multipart request's `payload_json`, or undefined when there was none. */
  body: unknown;
  /** Files of a multipart request. */
  files: UploadedFile[];
  /** Whether an Authorization header was sent, and whether it was `Bot <the configured token>`. */
  headers: {
    authorization: boolean;
    authorizationValid: boolean;
    contentType: string | null;
    userAgent: string | null;
  };
  /** HTTP status answered (0 until answered, and 0 for a connection reset by a `reset` fault). */
  status: number;
  responseBody: unknown;
  /** Problems found in the body: empty when it is valid. */
  validationErrors: ValidationIssue[];
  /** Set when an injected fault answered instead of the route. */
  fault: string | null;
  receivedAt: number;
  respondedAt: number | null;
}

/** A REST fault to inject: a status instead of the real answer, a delay, or both. */
export interface RestFaultSpec {
  /** Only this HTTP method (any when omitted). */
  method?: string;
  /** Matched against the path below the API version (`/channels/1/messages`) and the full path. */
  pathPattern: RegExp;
  /** Answer with this status instead of running the route (429, 500, 502, 503…); omitted: delay only. */
  status?: number;
  /** For 429: seconds to wait (body `retry_after`, header `retry-after`). Default 0.05. */
  retryAfterSeconds?: number;
  /** For 429: a global rate limit (`x-ratelimit-global`). Default false. */
  global?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Run the route first, then answer with `status` anyway (the request took effect, its response was lost: a 502 after the message was created). */
  afterRoute?: boolean;
  /**
   * Reset the TCP connection instead of answering (the client sees ECONNRESET / "other side
   * closed"); with `afterRoute`, the route runs first, so the request took effect. Recorded with
   * status 0.
   */
  reset?: boolean;
  /** How many matching requests to affect (default 1; `Infinity` for all). */
  times?: number;
}

/** How long Discord remembers a message nonce for enforce_nonce (a few minutes). */
const NONCE_WINDOW_MS = 5 * 60_000;

/** An injected fault and how often it has fired. */
export interface RestFault {
  readonly spec: RestFaultSpec;
  hits: number;
  /** How many more requests it will affect. */
  remaining: number;
}

/** What the REST API needs from the server. */
export interface RestApiDeps {
  world: LoopbackWorld;
  commands: CommandRegistry;
  gateway: Gateway;
  validator: RequestValidator | null;
  /** Answer 400 Invalid Form Body (50035) to bodies that fail validation, as Discord would. */
  rejectInvalidBodies: boolean;
  token: string;
  shardCount: number;
  /** Discord's 3 s limit to acknowledge an interaction. */
  interactionAckDeadlineMs: number;
  /** Discord's 15 min lifetime of an interaction token. */
  interactionTokenLifetimeMs: number;
  interactionsById: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
  botActivity: ChangeNotifier;
  origin: () => string;
  gatewayUrl: () => string;
  onRecorded: (request: RecordedRequest) => void;
  onTyping: (channelId: string) => void;
  onBotMessage: (message: APIMessage, kind: "created" | "edited" | "deleted") => void;
}

interface RestContext {
  request: RecordedRequest;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

interface RestResult {
  status: number;
  /** Reset the connection instead of answering (an injected `reset` fault). */
  reset?: boolean;
  body?: unknown;
  headers?: Record<string, string>;
}

type RouteHandler = (context: RestContext) => RestResult | Promise<RestResult>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  /** `bot`: needs `Authorization: Bot <token>`; `token`: authorised by the interaction token in the path. */
  auth: "bot" | "token";
  handler: RouteHandler;
}

/** A Discord JSON error response. */
function discordError(status: number, code: number, message: string, errors?: unknown): RestResult {
  return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

const NOT_FOUND = (): RestResult => discordError(404, 0, "404: Not Found");
const UNKNOWN_CHANNEL = (): RestResult => discordError(404, 10003, "Unknown Channel");
const UNKNOWN_MESSAGE = (): RestResult => discordError(404, 10008, "Unknown Message");
const UNKNOWN_WEBHOOK = (): RestResult => discordError(404, 10015, "Unknown Webhook");
const UNKNOWN_INTERACTION = (): RestResult => discordError(404, 10062, "Unknown interaction");
const UNKNOWN_GUILD = (): RestResult => discordError(404, 10004, "Unknown Guild");
const UNKNOWN_APPLICATION = (): RestResult => discordError(404, 10002, "Unknown Application");
const UNKNOWN_COMMAND = (): RestResult => discordError(404, 10063, "Unknown application command");
const NO_CONTENT: RestResult = { status: 204 };

const API_PREFIX = /^\/api\/v(?:9|10)(?=\/)/;
const MAX_BODY_BYTES = 26_214_400;

/** The REST half of the loopback server. */
export class RestApi {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: RestFault[] = [];
  /** Message nonces by channel, for enforce_nonce. */
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly routes: Route[] = [];
  private nextRequestId = 1;
  private tokenRevoked = false;

  constructor(private readonly deps: RestApiDeps) {
    this.registerRoutes();
  }

  /** Adds a fault; it applies to the next `times` matching requests. */
  injectFault(spec: RestFaultSpec): RestFault {
    const fault: RestFault = { spec, hits: 0, remaining: spec.times ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  /** Removes every injected fault. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** From now on the bot token authorizes nothing: requests that present it get 401. */
  revokeToken(): void {
    this.tokenRevoked = true;
  }

  /** Handles one HTTP request (the node:http request listener). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const authorizationHeader = req.headers.authorization;
    const record: RecordedRequest = {
      id: this.nextRequestId++,
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      route: url.pathname.replace(API_PREFIX, ""),
      operation: null,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      files: [],
      headers: {
        authorization: authorizationHeader !== undefined,
        authorizationValid: !this.tokenRevoked && authorizationHeader === `Bot ${this.deps.token}`,
        contentType: req.headers["content-type"] ?? null,
        userAgent: req.headers["user-agent"] ?? null,
      },
      status: 0,
      responseBody: undefined,
      validationErrors: [],
      fault: null,
      receivedAt: Date.now(),
      respondedAt: null,
    };
    this.requests.push(record);

    let result: RestResult;
    try {
      result = await this.process(req, url, record);
    } catch (error) {
      result = discordError(
        500,
        0,
        `500: Loopback server error: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.send(res, record, result);
  }

  private async process(req: IncomingMessage, url: URL, record: RecordedRequest): Promise<RestResult> {
    const raw = await readBody(req);
    const parsed = await parseBody(raw, record.headers.contentType);
    if ("error" in parsed) return discordError(400, 50109, parsed.error);
    record.body = parsed.body;
    record.files = parsed.files;

    if (!API_PREFIX.test(url.pathname)) return NOT_FOUND();
    const validator = this.deps.validator;
    if (validator) {
      record.operation = validator.findOperation(record.method, record.route)?.key ?? null;
      const hasBody = record.body !== undefined;
      if (hasBody || !["GET", "DELETE", "HEAD"].includes(record.method)) {
        record.validationErrors = validator.validate(record.method, record.route, record.body, parsed.kind);
      }
    }

    const fault = this.takeFault(record);
    if (fault?.spec.delayMs) await sleep(fault.spec.delayMs);
    if (fault?.spec.reset) {
      if (fault.spec.afterRoute) {
        const ran = await this.runRoute(record, url);
        record.fault = `connection reset after the route (${ran.status})`;
      } else record.fault = "connection reset";
      return { status: 0, reset: true };
    }
    if (fault && fault.spec.status !== undefined && !fault.spec.afterRoute) {
      record.fault = `${fault.spec.status} injected`;
      return faultResult(fault.spec);
    }
    if (fault?.spec.afterRoute && fault.spec.status !== undefined) {
      const ran = await this.runRoute(record, url);
      record.fault = `${fault.spec.status} injected after the route (${ran.status})`;
      return faultResult(fault.spec);
    }
    return this.runRoute(record, url);
  }

  /** Matches the route, checks authorization and the body, and runs the handler. */
  private runRoute(record: RecordedRequest, url: URL): RestResult | Promise<RestResult> {
    const match = this.matchRoute(record.method, record.route);
    if (match === "method-not-allowed") return discordError(405, 0, "405: Method Not Allowed");
    if (!match) return NOT_FOUND();
    const { route, params } = match;

    const { authorization, authorizationValid } = record.headers;
    if ((authorization && !authorizationValid) || (route.auth === "bot" && !authorization)) {
      return discordError(401, 0, "401: Unauthorized");
    }
    const invalid = record.validationErrors.filter((issue) => issue.source !== "loopback");
    if (this.deps.rejectInvalidBodies && invalid.length > 0) {
      return discordError(400, 50035, "Invalid Form Body", {
        _errors: invalid.map((issue) => ({
          code: "LOOPBACK_VALIDATION",
          message: `${issue.pointer || "/"}: ${issue.message}`,
        })),
      });
    }
    return route.handler({
      request: record,
      params,
      query: url.searchParams,
      body: record.body,
      files: record.files,
    });
  }

  private takeFault(record: RecordedRequest): RestFault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (!candidate.spec.method || candidate.spec.method.toUpperCase() === record.method) &&
        (testPattern(candidate.spec.pathPattern, record.route) ||
          testPattern(candidate.spec.pathPattern, record.path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    return fault;
  }

  private send(res: ServerResponse, record: RecordedRequest, result: RestResult): void {
    record.status = result.status;
    record.responseBody = result.body;
    record.respondedAt = Date.now();
    if (result.reset) {
      // An RST rather than a FIN, as a dropped connection looks to the client.
      res.socket?.resetAndDestroy();
      this.deps.onRecorded(record);
      return;
    }
    const headers: Record<string, string> = { "x-loopback-request-id": String(record.id), ...result.headers };
    if (result.status === 204 || result.body === undefined) {
      res.writeHead(result.status, headers);
      res.end();
    } else {
      const json = JSON.stringify(result.body);
      res.writeHead(result.status, {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(json)),
        ...headers,
      });
      res.end(json);
    }
    this.deps.onRecorded(record);
  }

  // --- routing ------------------------------------------------------------------------------

  private route(method: string, path: string, handler: RouteHandler, auth: Route["auth"] = "bot"): void {
    const keys: string[] = [];
    const source = path
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        keys.push(segment.slice(1));
        return "([^/]+)";
      })
      .join("/");
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, auth, handler });
  }

  private matchRoute(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | "method-not-allowed" | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = decodeURIComponent(found[index + 1]!);
      });
      return { route, params };
    }
    return pathMatched ? "method-not-allowed" : undefined;
  }

  private registerRoutes(): void {
    const { world, commands } = this.deps;

    // Gateway discovery.
    this.route("GET", "/gateway", () => ({ status: 200, body: { url: this.deps.gatewayUrl() } }));
    this.route("GET", "/gateway/bot", () => ({
      status: 200,
      body: {
        url: this.deps.gatewayUrl(),
        shards: this.deps.shardCount,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      },
    }));

    // Users and DMs.
    this.route("GET", "/users/@me", () => ({ status: 200, body: world.botUser }));
    this.route("POST", "/users/@me/channels", ({ body }) => {
      const recipientId =
        isRecord(body) && typeof body.recipient_id === "string" ? body.recipient_id : undefined;
      if (!recipientId)
        return discordError(400, 50035, "Invalid Form Body", {
          recipient_id: { _errors: [{ code: "BASE_TYPE_REQUIRED", message: "This field is required" }] },
        });
      const user = world.knownUser(recipientId);
      if (!user) return discordError(404, 10013, "Unknown User");
      return { status: 200, body: world.dmChannelFor(user) };
    });
    this.route("GET", "/users/:userId", ({ params }) => {
      const user = world.knownUser(params.userId!);
      return user ? { status: 200, body: user } : discordError(404, 10013, "Unknown User");
    });

    // The application and its commands.
    this.route("GET", "/applications/@me", () => ({ status: 200, body: this.applicationObject() }));
    const commandScope = (params: Record<string, string>): RestResult | { guildId: string | undefined } => {
      if (params.applicationId !== world.applicationId) return UNKNOWN_APPLICATION();
      if (params.guildId === undefined) return { guildId: undefined };
      try {
        world.guild(params.guildId);
      } catch {
        return UNKNOWN_GUILD();
      }
      return { guildId: params.guildId };
    };
    for (const base of [
      "/applications/:applicationId/commands",
      "/applications/:applicationId/guilds/:guildId/commands",
    ]) {
      this.route("GET", base, ({ params }) => {
        const scope = commandScope(params);
        return "status" in scope ? scope : { status: 200, body: commands.list(scope.guildId) };
      });
      this.route("PUT", base, ({ params, body }) => {
        const scope = commandScope(params);
        if ("status" in scope) return scope;
        if (!Array.isArray(body)) return discordError(400, 50035, "Invalid Form Body");
        return { status: 200, body: commands.overwrite(body as CommandInput[], scope.guildId) };
      });
      this.route("POST", base, ({ params, body }) => {
        const scope = commandScope(params);
        if ("status" in scope) return scope;
        if (!isRecord(body)) return discordError(400, 50035, "Invalid Form Body");
        const { command, created } = commands.upsert(body, scope.guildId);
        return { status: created ? 201 : 200, body: command };
      });
      this.route("GET", `${base}/:commandId`, ({ params }) => {
        const scope = commandScope(params);
        if ("status" in scope) return scope;
        const command = commands.get(params.commandId!, scope.guildId);
        return command ? { status: 200, body: command } : UNKNOWN_COMMAND();
      });
      this.route("PATCH", `${base}/:commandId`, ({ params, body }) => {
        const scope = commandScope(params);
        if ("status" in scope) return scope;
        const command = isRecord(body) ? commands.edit(params.commandId!, body, scope.guildId) : undefined;
        return command ? { status: 200, body: command } : UNKNOWN_COMMAND();
      });
      this.route("DELETE", `${base}/:commandId`, ({ params }) => {
        const scope = commandScope(params);
        if ("status" in scope) return scope;
        return commands.delete(params.commandId!, scope.guildId) ? NO_CONTENT : UNKNOWN_COMMAND();
      });
    }

    // Interactions: the initial response, then webhook edits and follow-ups.
    this.route(
      "POST",
      "/interactions/:interactionId/:token/callback",
      (context) => this.interactionCallback(context),
      "token",
    );
    this.route("POST", "/webhooks/:applicationId/:token", (context) => this.followUp(context), "token");
    this.route(
      "GET",
      "/webhooks/:applicationId/:token/messages/:messageId",
      (context) => this.webhookMessage(context, "get"),
      "token",
    );
    this.route(
      "PATCH",
      "/webhooks/:applicationId/:token/messages/:messageId",
      (context) => this.webhookMessage(context, "edit"),
      "token",
    );
    this.route(
      "DELETE",
      "/webhooks/:applicationId/:token/messages/:messageId",
      (context) => this.webhookMessage(context, "delete"),
      "token",
    );

    // Channels and messages.
    this.route("GET", "/channels/:channelId", ({ params }) => {
      const known = world.channel(params.channelId!);
      return known ? { status: 200, body: known.channel } : UNKNOWN_CHANNEL();
    });
    this.route("GET", "/channels/:channelId/messages", ({ params, query }) => {
      if (!world.channel(params.channelId!)) return UNKNOWN_CHANNEL();
      const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 50)));
      const visible = world
        .allMessages(params.channelId)
        .filter((message) => ((message.flags ?? 0) & MessageFlags.Ephemeral) === 0);
      return { status: 200, body: visible.reverse().slice(0, limit) };
    });
    this.route("POST", "/channels/:channelId/messages", (context) => this.createChannelMessage(context));
    this.route("GET", "/channels/:channelId/messages/:messageId", ({ params }) => {
      const message = world.message(params.messageId!);
      return message && message.channel_id === params.channelId
        ? { status: 200, body: message }
        : UNKNOWN_MESSAGE();
    });
    this.route("PATCH", "/channels/:channelId/messages/:messageId", ({ params, body, files }) => {
      const message = world.message(params.messageId!);
      if (!message || message.channel_id !== params.channelId) return UNKNOWN_MESSAGE();
      if (message.author.id !== world.botUser.id)
        return discordError(403, 50005, "Cannot edit a message authored by another user");
      const edited = this.saveEdit(message, isRecord(body) ? body : {}, files);
      return { status: 200, body: edited };
    });
    this.route("DELETE", "/channels/:channelId/messages/:messageId", ({ params }) => {
      const message = world.message(params.messageId!);
      if (!message || message.channel_id !== params.channelId) return UNKNOWN_MESSAGE();
      this.deleteMessage(message);
      return NO_CONTENT;
    });
    this.route("POST", "/channels/:channelId/typing", ({ params }) => {
      if (!world.channel(params.channelId!)) return UNKNOWN_CHANNEL();
      this.deps.onTyping(params.channelId!);
      return NO_CONTENT;
    });
    for (const method of ["PUT", "DELETE"]) {
      this.route(method, "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", ({ params }) => {
        const message = world.message(params.messageId!);
        if (!message || message.channel_id !== params.channelId) return UNKNOWN_MESSAGE();
        const others = (message.reactions ?? []).filter(
          (reaction) => (reaction.emoji.name ?? reaction.emoji.id) !== params.emoji,
        );
        const name = params.emoji!;
        const reactions =
          method === "PUT"
            ? [
                ...others,
                {
                  count: 1,
                  count_details: { burst: 0, normal: 1 },
                  me: true,
                  me_burst: false,
                  burst_colors: [],
                  emoji: { id: null, name },
                },
              ]
            : others;
        world.saveMessage({ ...message, reactions });
        this.deps.botActivity.notify();
        return NO_CONTENT;
      });
    }

    // Guilds.
    this.route("GET", "/guilds/:guildId", ({ params }) => {
      try {
        const {
          channels: _channels,
          members: _members,
          ...guild
        } = world.guildCreatePayload(params.guildId!);
        return { status: 200, body: guild };
      } catch {
        return UNKNOWN_GUILD();
      }
    });
    this.route("GET", "/guilds/:guildId/channels", ({ params }) => {
      try {
        return { status: 200, body: world.guildCreatePayload(params.guildId!).channels };
      } catch {
        return UNKNOWN_GUILD();
      }
    });
    this.route("GET", "/guilds/:guildId/members/:userId", ({ params }) => {
      try {
        world.guild(params.guildId!);
      } catch {
        return UNKNOWN_GUILD();
      }
      const user = world.knownUser(params.userId!);
      return user
        ? { status: 200, body: world.member(params.guildId!, user) }
        : discordError(404, 10007, "Unknown Member");
    });
  }

  // --- handlers -------------------------------------------------------------------------------

  private applicationObject(): Record<string, unknown> {
    const { world } = this.deps;
    return {
      id: world.applicationId,
      name: world.botUser.username,
      icon: null,
      description: "",
      summary: "",
      type: null,
      bot: world.botUser,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: "0".repeat(64),
      flags: APPLICATION_FLAGS,
      owner: world.defaultUser,
      team: null,
      approximate_guild_count: world.guilds.length,
      redirect_uris: [],
      interactions_endpoint_url: null,
      integration_types_config: { "0": {} },
    };
  }

  /** POST /interactions/{id}/{token}/callback; refusals are noted on the interaction for error messages. */
  private interactionCallback(context: RestContext): RestResult {
    const result = this.answerCallback(context);
    const record = this.deps.interactionsById.get(context.params.interactionId!);
    if (record && result.status >= 400) {
      const body = isRecord(result.body) ? result.body : {};
      record.refusedCallbacks.push({
        status: result.status,
        code: Number(body.code ?? 0),
        message: typeof body.message === "string" ? body.message : "",
        requestId: context.request.id,
      });
      record.changes.notify();
    }
    return result;
  }

  private answerCallback({ request, params, query, body, files }: RestContext): RestResult {
    const { world } = this.deps;
    const record = this.deps.interactionsById.get(params.interactionId!);
    if (!record || record.token !== params.token) return UNKNOWN_INTERACTION();
    const elapsed = Date.now() - record.dispatchedAt;
    if (elapsed > this.deps.interactionAckDeadlineMs) return UNKNOWN_INTERACTION();
    if (record.callback) return discordError(400, 40060, "Interaction has already been acknowledged.");
    if (!isRecord(body) || typeof body.type !== "number")
      return discordError(400, 50035, "Invalid Form Body");

    const interactionType = record.built.payload.type;
    const type = body.type as InteractionResponseType;
    const refusal = callbackTypeRefusal(interactionType, type, record);
    if (refusal) {
      request.validationErrors.push({ source: "discord-docs", pointer: "/type", message: refusal });
      return discordError(400, 50035, "Invalid Form Body", {
        type: { _errors: [{ code: "INTERACTION_RESPONSE_TYPE_INVALID", message: refusal }] },
      });
    }
    const data = isRecord(body.data) ? body.data : undefined;
    const { channelId, guildId } = record.built;
    const metadata = interactionMetadata(record);
    let message: APIMessage | undefined;

    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const deferred = type === InteractionResponseType.DeferredChannelMessageWithSource;
        const messageBody: MessageBody = deferred
          ? { flags: (Number(data?.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading }
          : (data ?? {});
        message = botMessageFromBody({
          id: world.ids.next(),
          channelId,
          author: world.botUser,
          body: messageBody,
          attachments: deferred ? [] : attachmentsFor(files, () => world.ids.next(), this.deps.origin()),
          type:
            interactionType === InteractionType.ApplicationCommand
              ? MessageType.ChatInputCommand
              : MessageType.Default,
          webhookId: world.applicationId,
          applicationId: world.applicationId,
          interactionMetadata: metadata,
          ...(guildId ? { guildId } : {}),
        });
        record.originalMessageId = message.id;
        this.saveNewBotMessage(message, guildId);
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        const target = record.built.componentMessage
          ? (world.message(record.built.componentMessage.id) ?? record.built.componentMessage)
          : undefined;
        if (!target) return discordError(400, 50035, "Invalid Form Body");
        record.originalMessageId = target.id;
        if (!world.message(target.id)) world.saveMessage(target);
        message = target;
        if (type === InteractionResponseType.UpdateMessage) {
          message = this.saveEdit(target, data ?? {}, files);
        }
        break;
      }
      default:
        break;
    }

    const callback = { type, data, receivedAfterMs: elapsed, requestId: request.id };
    record.callback = callback;
    record.push({ kind: "callback", at: Date.now(), callback });
    this.deps.botActivity.notify();

    if (query.get("with_response") !== "true") return NO_CONTENT;
    const response: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: record.id,
        type: interactionType,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: ((message.flags ?? 0) & MessageFlags.Loading) !== 0,
              response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message } : {}) },
    };
    return { status: 200, body: response };
  }

  /** The interaction behind a webhook path, or the error to answer. */
  private webhookInteraction(params: Record<string, string>): InteractionRecord | RestResult {
    if (params.applicationId !== this.deps.world.applicationId) return UNKNOWN_WEBHOOK();
    const record = this.deps.interactionsByToken.get(params.token!);
    if (!record) return UNKNOWN_WEBHOOK();
    if (Date.now() - record.dispatchedAt > this.deps.interactionTokenLifetimeMs) {
      return discordError(401, 50027, "Invalid Webhook Token");
    }
    return record;
  }

  private followUp({ request, params, query, body, files }: RestContext): RestResult {
    const { world } = this.deps;
    const record = this.webhookInteraction(params);
    if ("status" in record) return record;
    if (!record.callback) return UNKNOWN_WEBHOOK();
    const messageBody = isRecord(body) ? body : {};
    if (isEmptyMessageBody(messageBody, files))
      return discordError(400, 50006, "Cannot send an empty message");

    // Discord turns the first follow-up after a deferred reply into that reply.
    const original = record.originalMessageId ? world.message(record.originalMessageId) : undefined;
    let message: APIMessage;
    if (original && ((original.flags ?? 0) & MessageFlags.Loading) !== 0) {
      message = this.saveEdit(original, messageBody, files);
      record.push({ kind: "originalEdited", at: Date.now(), message, requestId: request.id });
    } else {
      const { guildId, channelId } = record.built;
      message = botMessageFromBody({
        id: world.ids.next(),
        channelId,
        author: world.botUser,
        body: messageBody,
        attachments: attachmentsFor(files, () => world.ids.next(), this.deps.origin()),
        webhookId: world.applicationId,
        applicationId: world.applicationId,
        interactionMetadata: interactionMetadata(record),
        ...(guildId ? { guildId } : {}),
      });
      record.followUpIds.push(message.id);
      this.saveNewBotMessage(message, guildId);
      record.push({ kind: "followUp", at: Date.now(), message, requestId: request.id });
    }
    this.deps.botActivity.notify();
    return query.get("wait") === "false" ? NO_CONTENT : { status: 200, body: message };
  }

  private webhookMessage(
    { request, params, body, files }: RestContext,
    action: "get" | "edit" | "delete",
  ): RestResult {
    const { world } = this.deps;
    const record = this.webhookInteraction(params);
    if ("status" in record) return record;
    const isOriginal = params.messageId === "@original" || params.messageId === record.originalMessageId;
    const messageId = isOriginal
      ? record.originalMessageId
      : record.followUpIds.find((id) => id === params.messageId);
    const message = messageId ? world.message(messageId) : undefined;
    if (!message) return UNKNOWN_MESSAGE();

    if (action === "get") return { status: 200, body: message };
    if (action === "delete") {
      this.deleteMessage(message);
      record.push(
        isOriginal
          ? { kind: "originalDeleted", at: Date.now(), requestId: request.id }
          : { kind: "followUpDeleted", at: Date.now(), messageId: message.id, requestId: request.id },
      );
      return NO_CONTENT;
    }
    const edited = this.saveEdit(message, isRecord(body) ? body : {}, files);
    record.push({
      kind: isOriginal ? "originalEdited" : "followUpEdited",
      at: Date.now(),
      message: edited,
      requestId: request.id,
    });
    return { status: 200, body: edited };
  }

  private createChannelMessage({ params, body, files }: RestContext): RestResult {
    const { world } = this.deps;
    const known = world.channel(params.channelId!);
    if (!known) return UNKNOWN_CHANNEL();
    const messageBody = isRecord(body) ? body : {};
    if (isEmptyMessageBody(messageBody, files))
      return discordError(400, 50006, "Cannot send an empty message");

    let reference: APIMessage | undefined;
    const requested = isRecord(messageBody.message_reference) ? messageBody.message_reference : undefined;
    if (requested && typeof requested.message_id === "string") {
      reference = world.message(requested.message_id);
      if (!reference && requested.fail_if_not_exists !== false) {
        return discordError(400, 50035, "Invalid Form Body", {
          message_reference: {
            _errors: [{ code: "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", message: "Unknown message" }],
          },
        });
      }
    }
    // With enforce_nonce, a nonce the channel saw in the last few minutes returns that message
    // instead of posting it again (a retry after a lost response).
    const nonce =
      typeof messageBody.nonce === "string" || typeof messageBody.nonce === "number"
        ? String(messageBody.nonce)
        : null;
    const nonceKey = nonce === null ? null : `${known.channel.id}:${nonce}`;
    if (nonceKey !== null && messageBody.enforce_nonce === true) {
      const seen = this.nonces.get(nonceKey);
      const earlier =
        seen && Date.now() - seen.at < NONCE_WINDOW_MS ? world.message(seen.messageId) : undefined;
      if (earlier) return { status: 200, body: earlier };
    }
    const guildId = known.kind === "guild" ? known.guildId : undefined;
    const message = botMessageFromBody({
      id: world.ids.next(),
      channelId: known.channel.id,
      author: world.botUser,
      body: messageBody,
      attachments: attachmentsFor(files, () => world.ids.next(), this.deps.origin()),
      ...(reference ? { reference } : {}),
      ...(guildId ? { guildId } : {}),
    });
    if (nonceKey !== null) this.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
    this.saveNewBotMessage(message, guildId);
    this.deps.botActivity.notify();
    return { status: 200, body: message };
  }

  // --- bot messages ---------------------------------------------------------------------------

  /** Stores a new bot message and sends MESSAGE_CREATE for it (not for ephemeral ones). */
  private saveNewBotMessage(message: APIMessage, guildId: string | undefined): void {
    const { world } = this.deps;
    world.saveMessage(message);
    this.deps.onBotMessage(message, "created");
    if (((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0) return;
    this.dispatchMessageEvent(GatewayDispatchEvents.MessageCreate, message, guildId);
  }

  /** Applies an edit to a stored message and sends MESSAGE_UPDATE for it. */
  private saveEdit(message: APIMessage, body: MessageBody, files: UploadedFile[]): APIMessage {
    const { world } = this.deps;
    const edited = editedMessage(
      message,
      body,
      attachmentsFor(files, () => world.ids.next(), this.deps.origin()),
    );
    world.saveMessage(edited);
    this.deps.onBotMessage(edited, "edited");
    this.deps.botActivity.notify();
    if (((edited.flags ?? 0) & MessageFlags.Ephemeral) === 0) {
      const known = world.channel(edited.channel_id);
      this.dispatchMessageEvent(
        GatewayDispatchEvents.MessageUpdate,
        edited,
        known?.kind === "guild" ? known.guildId : undefined,
      );
    }
    return edited;
  }

  private deleteMessage(message: APIMessage): void {
    const { world } = this.deps;
    world.deleteMessage(message.id);
    this.deps.onBotMessage(message, "deleted");
    this.deps.botActivity.notify();
    const known = world.channel(message.channel_id);
    const guildId = known?.kind === "guild" ? known.guildId : undefined;
    const target: DispatchTarget = guildId ? { guildId } : { dm: true };
    void this.deps.gateway.dispatch(target, GatewayDispatchEvents.MessageDelete, (session) =>
      messageForSession({ ...message, ...(guildId ? { guild_id: guildId } : {}) }, session, world.botUser.id)
        ? { id: message.id, channel_id: message.channel_id, ...(guildId ? { guild_id: guildId } : {}) }
        : undefined,
    );
  }

  private dispatchMessageEvent(
    t: GatewayDispatchEvents,
    message: APIMessage,
    guildId: string | undefined,
  ): void {
    const { world } = this.deps;
    const gatewayMessage: GatewayMessage = {
      ...message,
      channel_type: guildId ? ChannelType.GuildText : ChannelType.DM,
    };
    if (guildId) {
      const { user: _user, deaf: _deaf, mute: _mute, ...member } = world.member(guildId, world.botUser);
      gatewayMessage.guild_id = guildId;
      gatewayMessage.member = member;
    }
    const target: DispatchTarget = guildId ? { guildId } : { dm: true };
    void this.deps.gateway.dispatch(target, t, (session) =>
      messageForSession(gatewayMessage, session, world.botUser.id),
    );
  }
}

/** Why a callback type is not allowed for an interaction, or undefined when it is. */
function callbackTypeRefusal(
  interactionType: InteractionType,
  type: InteractionResponseType,
  record: InteractionRecord,
): string | undefined {
  const name = describeCallbackType(type);
  const isAutocomplete = interactionType === InteractionType.ApplicationCommandAutocomplete;
  if (isAutocomplete && type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
    return `an autocomplete interaction can only be answered with APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (8), not ${name}; autocomplete cannot be deferred`;
  }
  if (!isAutocomplete && type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
    return `${name} is only valid for autocomplete interactions`;
  }
  if (
    (type === InteractionResponseType.DeferredMessageUpdate ||
      type === InteractionResponseType.UpdateMessage) &&
    !record.built.componentMessage
  ) {
    return `${name} is only valid for component interactions (and modals submitted from a message)`;
  }
  if (type === InteractionResponseType.Modal && interactionType === InteractionType.ModalSubmit) {
    return "a modal submit cannot be answered with another modal";
  }
  if (type === InteractionResponseType.Pong || type === InteractionResponseType.LaunchActivity) {
    return `${name} is not valid for an interaction received over the gateway`;
  }
  const known = [1, 4, 5, 6, 7, 8, 9, 12];
  if (!known.includes(type)) return `unknown interaction response type ${type}`;
  return undefined;
}

/** The `interaction_metadata` of messages created in response to an interaction. */
function interactionMetadata(record: InteractionRecord): APIMessageInteractionMetadata {
  const { payload, user } = record.built;
  const base = {
    id: payload.id,
    user,
    authorizing_integration_owners: payload.authorizing_integration_owners,
  };
  if (payload.type === InteractionType.ApplicationCommand) {
    return {
      ...base,
      type: payload.type,
      name: payload.data.name,
      command_type: payload.data.type,
    } as APIMessageInteractionMetadata;
  }
  return {
    ...base,
    type: payload.type,
    ...(record.built.componentMessage ? { interacted_message_id: record.built.componentMessage.id } : {}),
  } as APIMessageInteractionMetadata;
}

function faultResult(spec: RestFaultSpec): RestResult {
  const status = spec.status!;
  if (status === 429) {
    const retryAfter = spec.retryAfterSeconds ?? 0.05;
    const headers: Record<string, string> = {
      "retry-after": String(retryAfter),
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String((Date.now() + retryAfter * 1000) / 1000),
      "x-ratelimit-reset-after": String(retryAfter),
      "x-ratelimit-bucket": "loopback-fault",
      "x-ratelimit-scope": spec.global ? "global" : "user",
    };
    if (spec.global) headers["x-ratelimit-global"] = "true";
    return {
      status,
      headers,
      body: { message: "You are being rate limited.", retry_after: retryAfter, global: Boolean(spec.global) },
    };
  }
  const reason =
    status >= 500 ? `${status}: Loopback injected server error` : `${status}: Loopback injected fault`;
  return { status, body: { message: reason, code: 0 } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

type ParsedBody = { kind: "json" | "multipart"; body: unknown; files: UploadedFile[] } | { error: string };

/** Parses a JSON body, or a multipart body's `payload_json` and files. */
async function parseBody(raw: Buffer, contentType: string | null): Promise<ParsedBody> {
  if (raw.length === 0) return { kind: "json", body: undefined, files: [] };
  if (contentType?.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") {
          try {
            body = JSON.parse(value);
          } catch {
            return { error: "The request body contains invalid JSON." };
          }
        }
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type || "application/octet-stream",
        size: value.size,
      });
    }
    return { kind: "multipart", body, files };
  }
  try {
    return { kind: "json", body: JSON.parse(raw.toString("utf8")), files: [] };
  } catch {
    return { error: "The request body contains invalid JSON." };
  }
}

function testPattern(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
