/**
 * The fault and abuse suite: every row runs the real bot against its own emulator under one
 * kind of fault and counts inputs, crashes, pings, limit violations, lost and duplicated
 * replies. `runFaultSuite` runs the rows (the short form for CI); `formatTable` prints them.
 */
import { gatewayCases } from "./gatewayFaults.ts";
import { runningLedgers, type FaultCase } from "./harness.ts";
import type { FaultRow } from "./ledger.ts";
import { processCases } from "./processFaults.ts";
import { restCases } from "./restFaults.ts";
import { hostileCases } from "./hostileText.ts";

export type { FaultRow } from "./ledger.ts";

export const FAULT_CASES: readonly FaultCase[] = [
  ...gatewayCases,
  ...restCases,
  ...processCases,
  ...hostileCases,
];

export interface SuiteOptions {
  /** Fewer inputs per row (CI). */
  short?: boolean;
  /** Only rows whose name contains one of these (case-insensitive). */
  only?: readonly string[];
  /** Called as each row finishes. */
  onRow?: (row: FaultRow) => void;
}

export interface SuiteResult {
  rows: FaultRow[];
  ms: number;
}

/**
 * Runs the rows one after another (their faults are timing-sensitive), except those marked
 * `alongside` (mostly waiting: slow responses), which run next to the others. An unhandled
 * rejection or uncaught exception in this process while rows run counts as a crash of each.
 */
export async function runFaultSuite({ short = false, only, onRow }: SuiteOptions = {}): Promise<SuiteResult> {
  const started = Date.now();
  const cases = FAULT_CASES.filter(
    (c) => !only || only.some((name) => c.fault.toLowerCase().includes(name.toLowerCase())),
  );
  const onStray = (error: unknown) => {
    for (const ledger of runningLedgers)
      ledger.crash(
        `in this process: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
  };
  process.on("unhandledRejection", onStray);
  process.on("uncaughtException", onStray);
  const results = new Map<FaultCase, FaultRow>();
  const finish = (c: FaultCase, row: FaultRow) => {
    results.set(c, row);
    onRow?.(row);
  };
  try {
    const alongside = Promise.all(
      cases.filter((c) => c.alongside).map(async (c) => finish(c, await c.run({ short }))),
    );
    for (const c of cases.filter((c) => !c.alongside)) finish(c, await c.run({ short }));
    await alongside;
  } finally {
    process.off("unhandledRejection", onStray);
    process.off("uncaughtException", onStray);
  }
  return { rows: cases.map((c) => results.get(c)!), ms: Date.now() - started };
}

const COLUMNS = [
  ["fault", (row: FaultRow) => row.fault],
  ["inputs tried", (row: FaultRow) => row.inputs],
  ["crashes", (row: FaultRow) => row.crashes],
  ["pings", (row: FaultRow) => row.pings],
  ["limit violations", (row: FaultRow) => row.limitViolations],
  ["lost", (row: FaultRow) => row.lost],
  ["duplicated", (row: FaultRow) => row.duplicated],
] as const;

/** Whether a row failed: any count but the inputs is non-zero, it tried nothing, or its fault never fired. */
export function rowFailed(row: FaultRow): boolean {
  return (
    row.inputs === 0 ||
    row.problems > 0 ||
    row.crashes + row.pings + row.limitViolations + row.lost + row.duplicated > 0
  );
}

/** The table, one row per fault, then what went wrong in failing rows. */
export function formatTable(rows: readonly FaultRow[]): string {
  const cells = rows.map((row) => COLUMNS.map(([, cell]) => String(cell(row))));
  const widths = COLUMNS.map(([name], i) => Math.max(name.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(" | ")} |`;
  const out = [
    line(COLUMNS.map(([name]) => name)),
    `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    ...cells.map(line),
  ];
  for (const row of rows.filter(rowFailed)) {
    out.push("", `${row.fault}:`);
    if (row.inputs === 0) out.push("  no input was tried");
    const notes = row.notes;
    for (const note of notes.slice(0, 20)) out.push(`  ${note}`);
    if (notes.length > 20) out.push(`  … and ${notes.length - 20} more`);
  }
  for (const row of rows.filter((r) => r.observations.length > 0)) {
    const distinct = [...new Set(row.observations)];
    out.push(
      "",
      `${row.fault} — not counted, worth knowing (${row.observations.length}):`,
      ...distinct.slice(0, 5).map((o) => `  ${o}`),
      ...(distinct.length > 5 ? [`  … and ${distinct.length - 5} more kinds`] : []),
    );
  }
  return out.join("\n");
}
