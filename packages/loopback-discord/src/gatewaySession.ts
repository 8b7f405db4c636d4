/**
 * Gateway protocol state: a session (what RESUME can pick up again: id, shard, intents,
 * sequence numbers and the dispatches sent) and a connection (one WebSocket: HELLO,
 * heartbeats, IDENTIFY/RESUME, optional zlib-stream transport compression).
 */
import { constants as zlibConstants, createDeflate, type Deflate } from "node:zlib";
import { GatewayOpcodes, type GatewayIdentifyData, type GatewayResumeData } from "discord-api-types/v10";
import type { WebSocket } from "ws";

/** A gateway payload as it goes over the wire. */
export interface GatewayPayload {
  op: GatewayOpcodes;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** A dispatch (op 0) with its sequence number. */
export interface SentDispatch {
  s: number;
  t: string;
  d: unknown;
}

/** Close codes the server uses (Discord's gateway close codes plus the WebSocket ones used by faults). */
export const GatewayCloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  InvalidShard: 4010,
  InvalidAPIVersion: 4012,
} as const;

/** How many dispatches a session keeps for RESUME. */
const HISTORY_LIMIT = 2000;

/** One gateway session: survives its connection so that RESUME can continue it. */
export class GatewaySession {
  /** Sequence number of the last dispatch sent (or buffered) on this session. */
  seq = 0;
  /** The socket currently carrying the session, if any. */
  connection: GatewayConnection | null = null;
  /** An invalidated session can no longer be resumed nor receive dispatches. */
  invalidated = false;
  /** Dispatches buffered while no connection carried the session (for redelivery if it is never resumed). */
  readonly missedWhileDisconnected: SentDispatch[] = [];
  private readonly history: SentDispatch[] = [];

  constructor(
    readonly id: string,
    /** `[shard_id, shard_count]` from IDENTIFY (`[0, 1]` when the client sent none). */
    readonly shard: readonly [number, number],
    readonly intents: number,
    readonly token: string,
  ) {}

  get shardId(): number {
    return this.shard[0];
  }

  get shardCount(): number {
    return this.shard[1];
  }

  /** True while a connection is attached and open. */
  get connected(): boolean {
    return this.connection?.open ?? false;
  }

  /** Whether the session has all of the given intent bits. */
  hasIntents(bits: number): boolean {
    return (this.intents & bits) === bits;
  }

  /** Sends a dispatch with the next sequence number, or buffers it until the session resumes. */
  dispatch(t: string, d: unknown): SentDispatch {
    this.seq += 1;
    const sent: SentDispatch = { s: this.seq, t, d };
    this.history.push(sent);
    if (this.history.length > HISTORY_LIMIT) this.history.shift();
    if (this.connected) this.connection!.sendDispatch(sent);
    else this.missedWhileDisconnected.push(sent);
    return sent;
  }

  /** The dispatches after `seq`, or undefined when some of them are no longer kept. */
  dispatchesAfter(seq: number): SentDispatch[] | undefined {
    const first = this.history[0];
    if (seq < this.seq && first && first.s > seq + 1) return undefined;
    return this.history.filter((sent) => sent.s > seq);
  }
}

/** What a connection asks of the gateway that owns it. */
export interface GatewayConnectionHost {
  readonly heartbeatIntervalMs: number;
  heartbeatAckEnabled(): boolean;
  onIdentify(connection: GatewayConnection, data: GatewayIdentifyData): void;
  onResume(connection: GatewayConnection, data: GatewayResumeData): void;
  onHeartbeat(connection: GatewayConnection, seq: number | null): void;
  onClose(connection: GatewayConnection, code: number): void;
  onClientPayload(connection: GatewayConnection, payload: GatewayPayload): void;
}

/** One WebSocket connection to the gateway. */
export class GatewayConnection {
  /** The session this connection identified or resumed, once it has. */
  session: GatewaySession | null = null;
  /** Heartbeats received on this connection. */
  heartbeats = 0;
  private closed = false;
  private closing = false;
  private readonly deflate: Deflate | null;
  private sendChain: Promise<void> = Promise.resolve();

  constructor(
    readonly id: number,
    private readonly socket: WebSocket,
    private readonly host: GatewayConnectionHost,
    /** `zlib-stream` when the client asked for transport compression in the URL. */
    readonly compression: "zlib-stream" | null,
  ) {
    this.deflate = compression === "zlib-stream" ? createDeflate({ chunkSize: 65_535 }) : null;
    socket.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    socket.on("close", (code) => this.onSocketClosed(code));
    socket.on("error", () => {
      // A reset socket also emits "close"; nothing else to do here.
    });
    this.send({
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: host.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  /** True until the socket closes or the server starts closing it. */
  get open(): boolean {
    return !this.closed && !this.closing;
  }

  /** Sends a dispatch (op 0). */
  sendDispatch(sent: SentDispatch): void {
    this.send({ op: GatewayOpcodes.Dispatch, d: sent.d, s: sent.s, t: sent.t });
  }

  /** Sends any payload, compressed when the connection uses zlib-stream. Order is preserved. */
  send(payload: GatewayPayload): void {
    if (this.closed || this.closing) return;
    const json = JSON.stringify(payload);
    const deflate = this.deflate;
    if (!deflate) {
      this.sendChain = this.sendChain.then(() => this.sendRaw(json));
      return;
    }
    this.sendChain = this.sendChain.then(
      () =>
        new Promise<void>((resolve) => {
          const chunks: Buffer[] = [];
          const onData = (chunk: Buffer): void => {
            chunks.push(chunk);
          };
          deflate.on("data", onData);
          deflate.write(json);
          deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
            deflate.off("data", onData);
            this.sendRaw(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  }

  /** Closes the socket with a close frame (codes 1000, 4000–4999). */
  close(code: number, reason = ""): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    void this.sendChain.then(() => {
      if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
        this.socket.close(code, reason);
      }
    });
  }

  /** Drops the TCP connection without a close frame: the client sees 1006. */
  terminate(): void {
    this.closing = true;
    this.socket.terminate();
  }

  private sendRaw(data: string | Buffer): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(data);
  }

  private onMessage(data: unknown, isBinary: boolean): void {
    if (isBinary) {
      this.close(GatewayCloseCode.DecodeError, "Binary payloads are not supported");
      return;
    }
    let payload: GatewayPayload;
    try {
      payload = JSON.parse(String(data)) as GatewayPayload;
    } catch {
      this.close(GatewayCloseCode.DecodeError, "Error while decoding payload.");
      return;
    }
    this.host.onClientPayload(this, payload);
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat: {
        this.heartbeats += 1;
        this.host.onHeartbeat(this, typeof payload.d === "number" ? payload.d : null);
        if (this.host.heartbeatAckEnabled()) {
          this.send({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        }
        return;
      }
      case GatewayOpcodes.Identify: {
        if (this.session) {
          this.close(GatewayCloseCode.AlreadyAuthenticated, "You sent more than one identify payload.");
          return;
        }
        this.host.onIdentify(this, payload.d as GatewayIdentifyData);
        return;
      }
      case GatewayOpcodes.Resume: {
        if (this.session) {
          this.close(GatewayCloseCode.AlreadyAuthenticated, "Already authenticated.");
          return;
        }
        this.host.onResume(this, payload.d as GatewayResumeData);
        return;
      }
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
      case GatewayOpcodes.RequestSoundboardSounds: {
        if (!this.session) this.close(GatewayCloseCode.NotAuthenticated, "Not authenticated.");
        return;
      }
      default: {
        this.close(GatewayCloseCode.UnknownOpcode, "Unknown opcode.");
      }
    }
  }

  private onSocketClosed(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.deflate?.close();
    this.host.onClose(this, code);
  }
}
