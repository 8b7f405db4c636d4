/** The logger: JSON lines or readable ones, the token scrubbed from both. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/ops/logger.ts";

const SECRET = "MTIzNDU2Nzg5MDEyMzQ1Njc4.known-token.for-the-logger-test-0123";

function capture(format: "json" | "pretty") {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: "info", secrets: [SECRET], destination, format });
  logger.warn({ shard: 0, err: new RangeError(`login failed with ${SECRET}`) }, `token ${SECRET} rejected`);
  return lines.join("\n");
}

describe("createLogger", () => {
  it("writes JSON records by default", () => {
    const out = capture("json");
    expect(JSON.parse(out.split("\n")[0] ?? "")).toMatchObject({
      level: 40,
      msg: "token [redacted] rejected",
      err: { type: "RangeError", message: "login failed with [redacted]" },
    });
    expect(out).not.toContain(SECRET);
  });

  it("writes readable lines with LOG_FORMAT=pretty, the token scrubbed there too", () => {
    const out = capture("pretty");
    expect(out).toMatch(/WARN.*token \[redacted\] rejected/);
    expect(() => JSON.parse(out.split("\n")[0] ?? "") as unknown).toThrow();
    expect(out).not.toContain(SECRET);
  });

  it("logs errors whose class has getters of its own (a DOMException from an aborted request)", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const logger = createLogger({ level: "info", secrets: [SECRET], destination });
    logger.error({ err: new DOMException(`aborted ${SECRET}`, "AbortError") }, "request failed");
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      err: { type: "DOMException", message: "aborted [redacted]" },
    });
  });
});
