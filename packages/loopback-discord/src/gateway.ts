/**
 * The loopback gateway: accepts WebSocket connections, runs IDENTIFY/RESUME, keeps sessions
 * per shard and routes dispatches to the shard a guild belongs to (DMs to shard 0).
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { IncomingMessage, Server } from "node:http";
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayIdentifyData,
  type GatewayReadyDispatchData,
  type GatewayResumeData,
} from "discord-api-types/v10";
import { WebSocketServer, type WebSocket } from "ws";
import {
  GatewayCloseCode,
  GatewayConnection,
  GatewaySession,
  type GatewayConnectionHost,
  type GatewayPayload,
} from "./gatewaySession.js";
import { shardForGuild } from "./snowflake.js";
import { APPLICATION_FLAGS, type LoopbackWorld } from "./world.js";

/** Where a dispatch goes: a guild's shard, the DM shard (0), or an explicit shard. */
export type DispatchTarget = { guildId: string } | { dm: true } | { shardId: number };

/** One session that received a dispatch. */
export interface Delivery {
  sessionId: string;
  shardId: number;
  shardCount: number;
  seq: number;
}

/** Builds a dispatch's data for one session, or undefined when the session must not get it (intents). */
export type DispatchBuilder = (session: GatewaySession) => unknown;

/** Events the gateway emits (re-emitted by LoopbackDiscord). */
export interface GatewayEvents {
  connection: [info: { connectionId: number; compression: string | null; query: Record<string, string> }];
  identify: [
    info: { sessionId: string; shard: [number, number]; intents: number; data: GatewayIdentifyData },
  ];
  ready: [info: { sessionId: string; shard: [number, number] }];
  resumed: [info: { sessionId: string; shard: [number, number]; replayed: number }];
  invalidSession: [info: { connectionId: number; reason: string }];
  disconnect: [info: { connectionId: number; code: number; sessionId: string | null; resumable: boolean }];
  heartbeat: [info: { connectionId: number; seq: number | null; acked: boolean }];
  dispatch: [info: { t: string; delivery: Delivery }];
  gatewayPayload: [info: { connectionId: number; payload: GatewayPayload }];
}

export interface GatewayOptions {
  world: LoopbackWorld;
  token: string;
  heartbeatIntervalMs: number;
  /** The gateway URL clients connect (and resume) to. */
  url: () => string;
}

interface PendingDispatch {
  target: DispatchTarget | { shardId: number; shardCount: number };
  t: string;
  build: DispatchBuilder;
  resolve: (deliveries: Delivery[]) => void;
}

/** The WebSocket side of the loopback server. */
export class Gateway extends EventEmitter<GatewayEvents> implements GatewayConnectionHost {
  readonly heartbeatIntervalMs: number;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<GatewayConnection>();
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly pending: PendingDispatch[] = [];
  private nextConnectionId = 1;
  private ackHeartbeats = true;
  private tokenRevoked = false;

  constructor(
    httpServer: Server,
    private readonly options: GatewayOptions,
  ) {
    super();
    this.heartbeatIntervalMs = options.heartbeatIntervalMs;
    this.wss = new WebSocketServer({ server: httpServer });
    this.wss.on("connection", (socket, request) => this.accept(socket, request));
  }

  /** Sessions that can still receive dispatches (connected, or disconnected but resumable). */
  liveSessions(): GatewaySession[] {
    return [...this.sessions.values()].filter((session) => !session.invalidated);
  }

  /** Open connections right now. */
  openConnections(): number {
    return [...this.connections].filter((connection) => connection.open).length;
  }

  heartbeatAckEnabled(): boolean {
    return this.ackHeartbeats;
  }

  /** Turns HEARTBEAT_ACK on or off (off makes discord.js see a zombie connection and resume). */
  setHeartbeatAck(enabled: boolean): void {
    this.ackHeartbeats = enabled;
  }

  /**
   * Sends a dispatch to every live session whose shard the target belongs to. When no session
   * covers that shard yet, the dispatch waits and goes to the first session of that shard to
   * become ready. Resolves with the sessions that got it (empty when intents filtered it out).
   */
  dispatch(target: DispatchTarget, t: string, build: DispatchBuilder): Promise<Delivery[]> {
    return new Promise((resolve) => {
      const pending: PendingDispatch = { target, t, build, resolve };
      if (!this.tryDeliver(pending)) this.pending.push(pending);
    });
  }

  /**
   * Closes every gateway connection. 1006 drops the TCP connection without a close frame;
   * 1000/1001 also end the sessions (the client must IDENTIFY again); other codes (4000…)
   * leave the sessions resumable. Returns how many connections were dropped.
   */
  dropConnections(code: number): number {
    let dropped = 0;
    for (const connection of this.connections) {
      if (!connection.open) continue;
      dropped += 1;
      if ((code === 1000 || code === 1001) && connection.session) this.invalidate(connection.session);
      if (code === 1006) connection.terminate();
      else connection.close(code, "Loopback fault: connection dropped");
    }
    return dropped;
  }

  /** Sends op 7 RECONNECT on every connection: discord.js then resumes on a new socket. */
  requestReconnect(): number {
    let asked = 0;
    for (const connection of this.connections) {
      if (!connection.open) continue;
      asked += 1;
      connection.send({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
    }
    return asked;
  }

  /**
   * Sends op 9 INVALID_SESSION on every connection that carries a session, and detaches the
   * session from it. `resumable: false` ends the sessions (the client must IDENTIFY again; what
   * they buffered goes to the next session of the shard); `true` keeps them resumable, on this
   * socket or a new one. Returns how many were told.
   */
  invalidateSessions(resumable: boolean): number {
    let told = 0;
    for (const connection of this.connections) {
      const session = connection.session;
      if (!connection.open || !session) continue;
      told += 1;
      if (!resumable) this.invalidate(session);
      // The client may RESUME (or IDENTIFY) on this same socket, as discord.js does after op 9.
      connection.session = null;
      session.connection = null;
      connection.send({ op: GatewayOpcodes.InvalidSession, d: resumable, s: null, t: null });
      this.emit("invalidSession", {
        connectionId: connection.id,
        reason: `injected (${resumable ? "resumable" : "not resumable"})`,
      });
    }
    return told;
  }

  /**
   * The token stops working, as when it is reset in the Developer Portal: every connection is
   * closed with 4004 Authentication failed, and IDENTIFY or RESUME with it fails the same way.
   */
  revokeToken(): void {
    this.tokenRevoked = true;
    for (const connection of this.connections) {
      if (connection.session) this.invalidate(connection.session);
      connection.close(GatewayCloseCode.AuthenticationFailed, "Authentication failed.");
    }
  }

  /** Terminates every connection and stops accepting new ones. */
  async close(): Promise<void> {
    for (const connection of this.connections) connection.terminate();
    for (const pending of this.pending.splice(0)) pending.resolve([]);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // --- GatewayConnectionHost -------------------------------------------------------------

  onClientPayload(connection: GatewayConnection, payload: GatewayPayload): void {
    this.emit("gatewayPayload", { connectionId: connection.id, payload });
  }

  onHeartbeat(connection: GatewayConnection, seq: number | null): void {
    this.emit("heartbeat", { connectionId: connection.id, seq, acked: this.ackHeartbeats });
  }

  onIdentify(connection: GatewayConnection, data: GatewayIdentifyData): void {
    if (!this.tokenMatches(data.token)) {
      connection.close(GatewayCloseCode.AuthenticationFailed, "Authentication failed.");
      return;
    }
    const shard: [number, number] = data.shard ? [data.shard[0], data.shard[1]] : [0, 1];
    if (
      !Number.isInteger(shard[0]) ||
      !Number.isInteger(shard[1]) ||
      shard[1] < 1 ||
      shard[0] < 0 ||
      shard[0] >= shard[1]
    ) {
      connection.close(GatewayCloseCode.InvalidShard, "Invalid shard.");
      return;
    }
    // A client that identifies again for a shard gives up its old sessions of that shard;
    // what they buffered while disconnected goes to the new session instead of being lost.
    for (const old of this.liveSessions()) {
      if (old.connected || old.shardId !== shard[0] || old.shardCount !== shard[1]) continue;
      this.invalidate(old);
    }

    const session = new GatewaySession(
      randomBytes(16).toString("hex"),
      shard,
      Number(data.intents ?? 0),
      data.token,
    );
    this.sessions.set(session.id, session);
    session.connection = connection;
    connection.session = session;
    this.emit("identify", { sessionId: session.id, shard, intents: session.intents, data });

    const { world } = this.options;
    const guilds = world.guilds.filter((guild) => shardForGuild(guild.id, shard[1]) === shard[0]);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: world.botUser,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      application: {
        id: world.applicationId,
        flags: APPLICATION_FLAGS,
        flags_new: String(APPLICATION_FLAGS),
      },
      ...(data.shard ? { shard } : {}),
    };
    this.record(session, GatewayDispatchEvents.Ready, {
      ...ready,
      session_type: "normal",
      user_settings: {},
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ["loopback"],
      auth: {},
    });
    if (session.hasIntents(GatewayIntentBits.Guilds)) {
      for (const guild of guilds)
        this.record(session, GatewayDispatchEvents.GuildCreate, world.guildCreatePayload(guild.id));
    }
    this.emit("ready", { sessionId: session.id, shard });
    this.flushPending();
  }

  onResume(connection: GatewayConnection, data: GatewayResumeData): void {
    if (!this.tokenMatches(data.token)) {
      connection.close(GatewayCloseCode.AuthenticationFailed, "Authentication failed.");
      return;
    }
    const session = this.sessions.get(data.session_id);
    const missed = session && !session.invalidated ? session.dispatchesAfter(data.seq) : undefined;
    if (!session || !missed) {
      if (session) this.invalidate(session);
      connection.send({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      this.emit("invalidSession", {
        connectionId: connection.id,
        reason: session ? "missed dispatches are no longer kept" : `unknown session ${data.session_id}`,
      });
      return;
    }
    const previous = session.connection;
    if (previous && previous !== connection && previous.open) {
      previous.session = null;
      previous.close(GatewayCloseCode.UnknownError, "Session resumed elsewhere");
    }
    session.connection = connection;
    connection.session = session;
    session.missedWhileDisconnected.length = 0;
    for (const sent of missed) connection.sendDispatch(sent);
    this.record(session, GatewayDispatchEvents.Resumed, { _trace: ["loopback"] });
    this.emit("resumed", {
      sessionId: session.id,
      shard: [session.shardId, session.shardCount],
      replayed: missed.length,
    });
    this.flushPending();
  }

  onClose(connection: GatewayConnection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (session && session.connection === connection) {
      session.connection = null;
      // A client closing with 1000/1001 ends its session, as on Discord.
      if (code === 1000 || code === 1001) this.invalidate(session);
    }
    this.emit("disconnect", {
      connectionId: connection.id,
      code,
      sessionId: session?.id ?? null,
      resumable: Boolean(session && !session.invalidated),
    });
  }

  // --- internals ---------------------------------------------------------------------------

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const query = Object.fromEntries(new URL(request.url ?? "/", "ws://127.0.0.1").searchParams);
    const compression = query.compress === "zlib-stream" ? "zlib-stream" : null;
    const connection = new GatewayConnection(this.nextConnectionId++, socket, this, compression);
    this.connections.add(connection);
    this.emit("connection", { connectionId: connection.id, compression, query });
    if (query.v !== undefined && query.v !== "10") {
      connection.close(GatewayCloseCode.InvalidAPIVersion, "Invalid API version");
    } else if (query.encoding !== undefined && query.encoding !== "json") {
      connection.close(GatewayCloseCode.DecodeError, "Only JSON encoding is supported");
    }
  }

  private tokenMatches(token: unknown): boolean {
    return (
      !this.tokenRevoked && typeof token === "string" && token.replace(/^Bot\s+/i, "") === this.options.token
    );
  }

  private record(session: GatewaySession, t: string, d: unknown): void {
    const sent = session.dispatch(t, d);
    this.emit("dispatch", {
      t,
      delivery: {
        sessionId: session.id,
        shardId: session.shardId,
        shardCount: session.shardCount,
        seq: sent.s,
      },
    });
  }

  private covers(session: GatewaySession, target: PendingDispatch["target"]): boolean {
    if (session.invalidated) return false;
    if ("guildId" in target) return shardForGuild(target.guildId, session.shardCount) === session.shardId;
    if ("dm" in target) return session.shardId === 0;
    if ("shardCount" in target)
      return session.shardId === target.shardId && session.shardCount === target.shardCount;
    return session.shardId === target.shardId;
  }

  private tryDeliver(pending: PendingDispatch): boolean {
    const sessions = this.liveSessions().filter((session) => this.covers(session, pending.target));
    if (sessions.length === 0) return false;
    const deliveries: Delivery[] = [];
    for (const session of sessions) {
      const data = pending.build(session);
      if (data === undefined) continue;
      const sent = session.dispatch(pending.t, data);
      const delivery = {
        sessionId: session.id,
        shardId: session.shardId,
        shardCount: session.shardCount,
        seq: sent.s,
      };
      deliveries.push(delivery);
      this.emit("dispatch", { t: pending.t, delivery });
    }
    pending.resolve(deliveries);
    return true;
  }

  private flushPending(): void {
    const waiting = this.pending.splice(0);
    for (const pending of waiting) {
      if (!this.tryDeliver(pending)) this.pending.push(pending);
    }
  }

  /** Ends a session; dispatches it buffered while disconnected wait for the next session of its shard. */
  private invalidate(session: GatewaySession): void {
    if (session.invalidated) return;
    session.invalidated = true;
    const target = { shardId: session.shardId, shardCount: session.shardCount };
    for (const missed of session.missedWhileDisconnected.splice(0)) {
      this.pending.push({ target, t: missed.t, build: () => missed.d, resolve: () => undefined });
    }
  }
}
