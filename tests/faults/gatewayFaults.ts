/**
 * Gateway faults: the connection closed with 4000 (resumable), dropped without a close frame
 * (1006), closed with 1000 (the session ends), op 7 RECONNECT, op 9 INVALID_SESSION (resumable
 * or not), and heartbeats no longer acknowledged. Each round asks questions before the fault,
 * during the outage (Discord buffers them for the session, or for the next one) and after.
 */
import { askMixed, nextEvent, runRow, type FaultCase, type RowContext } from "./harness.ts";
import { sleep } from "./ledger.ts";

const rounds = (short: boolean) => (short ? 1 : 3);
const perPhase = (short: boolean) => (short ? 5 : 9);

/** One round: questions, the fault, questions during the outage, the way back, questions after. */
async function round(
  { t, ledger, short }: RowContext,
  fault: () => void,
  expected: "resumed" | "ready",
  recover: () => void = () => undefined,
): Promise<void> {
  askMixed(ledger, perPhase(short));
  await sleep(30); // some replies are in flight when the fault strikes
  const back = nextEvent(t.server, ["resumed", "ready"]);
  fault();
  askMixed(ledger, perPhase(short));
  const how = await back;
  recover();
  if (how !== expected) ledger.notes.push(`came back by ${how}, not ${expected}`);
  await t.server.waitForShardReady(0);
  askMixed(ledger, perPhase(short));
  await ledger.waitForReplies(10_000);
}

function closeCase(code: 4000 | 1006 | 1000, expected: "resumed" | "ready"): FaultCase {
  const fault = `gateway close ${code} (${expected === "resumed" ? "resume" : "identify again"})`;
  return {
    fault,
    run: (options) =>
      runRow(fault, options, async (context) => {
        for (let i = 0; i < rounds(options.short); i++)
          await round(context, () => context.t.server.dropConnections(code), expected);
      }),
  };
}

export const gatewayCases: FaultCase[] = [
  closeCase(4000, "resumed"),
  closeCase(1006, "resumed"),
  closeCase(1000, "ready"),
  {
    fault: "gateway op 7 RECONNECT",
    run: (options) =>
      runRow("gateway op 7 RECONNECT", options, async (context) => {
        for (let i = 0; i < rounds(options.short); i++)
          await round(context, () => context.t.server.requestReconnect(), "resumed");
      }),
  },
  {
    fault: "invalid session (op 9)",
    run: (options) =>
      runRow("invalid session (op 9)", options, async (context) => {
        // Not resumable (identify again), then resumable (resume on the same socket), in turn.
        for (let i = 0; i < 2 * rounds(options.short); i++) {
          const resumable = i % 2 === 1;
          await round(
            context,
            () => context.t.server.invalidateSessions(resumable),
            resumable ? "resumed" : "ready",
          );
        }
      }),
  },
  {
    fault: "missed heartbeats (no ACK)",
    run: (options) =>
      runRow("missed heartbeats (no ACK)", options, async (context) => {
        for (let i = 0; i < rounds(options.short); i++)
          await round(
            context,
            () => context.t.server.setHeartbeatAck(false),
            "resumed",
            () => context.t.server.setHeartbeatAck(true),
          );
      }),
  },
];
