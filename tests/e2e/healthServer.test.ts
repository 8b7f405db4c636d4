/** /healthz and /metrics (healthServer.ts), over the real client connected to the emulator. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotMetrics, startHealthServer } from "../../src/ops/healthServer.ts";
import { newUser, startTestBot, type TestBot } from "../support/startTestBot.ts";

let t: TestBot;
let base: string;
let close: () => void;
const metrics = new BotMetrics({ shard: "0" });
beforeAll(async () => {
  t = await startTestBot({ metrics });
  const { server, port } = await startHealthServer(t.bot.client, metrics, 0);
  base = `http://127.0.0.1:${port}`;
  close = () => server.close();
});
afterAll(async () => {
  close?.();
  await t?.stop();
});

describe("the admin's endpoints", () => {
  it("/healthz says ready, with each shard's gateway state", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, shards: [{ id: 0, status: "Ready" }] });
  });

  it("/metrics counts questions by outcome and face, in Prometheus' format", async () => {
    await t.server
      .sendInteraction({
        kind: "slash",
        name: "ask",
        options: { question: "where is Hama?" },
        user: newUser(),
      })
      .waitForFinalMessage();
    await t.server
      .sendInteraction({
        kind: "slash",
        name: "ask",
        options: { question: "how old is Assad?" },
        user: newUser(),
      })
      .waitForFinalMessage();
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('factdesk_questions_total{outcome="answer",face="command",shard="0"} 1');
    expect(text).toContain('factdesk_questions_total{outcome="refuse",face="command",shard="0"} 1');
    expect(text).toMatch(/factdesk_answer_seconds_count\{shard="0"\} [1-9]/);
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("anything else is a 404", async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
  });
});
