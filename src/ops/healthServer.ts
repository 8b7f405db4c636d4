/**
 * What an admin watches (FACTDESK_HTTP_PORT): `GET /healthz` — ready or not, and each shard's
 * gateway state — and `GET /metrics` in Prometheus' format (prom-client): questions by outcome,
 * answer latency, REST retries, gateway reconnects, with the process's own metrics.
 */
import { createServer, type Server } from "node:http";
import { Status, type Client } from "discord.js";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Reply } from "../engine/answerEngine.ts";

/** The bot's metrics, in a registry of their own. */
export class BotMetrics {
  readonly registry = new Registry();
  readonly questions = new Counter({
    name: "factdesk_questions_total",
    help: "Questions answered, by outcome (answer, clarify, refuse) and face (command, message, button)",
    labelNames: ["outcome", "face"] as const,
    registers: [this.registry],
  });
  readonly answerSeconds = new Histogram({
    name: "factdesk_answer_seconds",
    help: "Time from a question's arrival to its reply being sent",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly restRetries = new Counter({
    name: "factdesk_rest_retries_total",
    help: "Requests to Discord retried after a failure on Discord's side",
    registers: [this.registry],
  });
  readonly reconnects = new Counter({
    name: "factdesk_gateway_reconnects_total",
    help: "Gateway reconnections, by shard",
    labelNames: ["shard"] as const,
    registers: [this.registry],
  });

  constructor(defaultLabels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(defaultLabels);
    collectDefaultMetrics({ register: this.registry });
  }
}

/** The outcome of a reply, as the metrics count it. */
export function outcomeOf(reply: Reply): "answer" | "clarify" | "refuse" {
  if (reply.kind === "answer") return "answer";
  return reply.reason === "unsure" ? "clarify" : "refuse";
}

/** Serves /healthz and /metrics on 127.0.0.1 (or `host`) at `port` (0: any free port); resolves when listening. */
export async function startHealthServer(
  client: Client,
  metrics: BotMetrics,
  port: number,
  host = "127.0.0.1",
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === "GET" && req.url === "/healthz") {
        const shards = [...client.ws.shards.values()].map((s) => ({
          id: s.id,
          status: Status[s.status] ?? String(s.status),
        }));
        const ready = client.isReady();
        res.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ ready, shards }));
      } else if (req.method === "GET" && req.url === "/metrics") {
        res.writeHead(200, { "content-type": metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found: GET /healthz or /metrics\n");
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : port };
}
