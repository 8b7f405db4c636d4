/**
 * `npm run faults [-- --short] [-- --only <name>…] [-- --notes]`: the fault and abuse suite. Runs the real
 * bot against the emulator under each kind of fault and hostile input, prints one table (a row
 * per fault: inputs tried, crashes, pings, limit violations, lost, duplicated) and exits 1 when
 * any count but the inputs is non-zero (or a row tried nothing). `--short` (CI) tries fewer
 * inputs per row; `--only` runs the rows whose name contains one of the words given; `--notes`
 * prints every row's notes (what each fault did), not only the failing rows'.
 */
import { parseArgs } from "node:util";
import { formatTable, rowFailed, runFaultSuite } from "./suite.ts";

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        short: { type: "boolean", default: false },
        only: { type: "string", multiple: true },
        notes: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`faults: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
})();

const { rows, ms } = await runFaultSuite({
  short: values.short ?? false,
  ...(values.only ? { only: values.only } : {}),
  onRow: (row) => process.stderr.write(`faults: ${row.fault} done in ${(row.ms / 1000).toFixed(1)} s\n`),
});
if (rows.length === 0) {
  process.stderr.write("faults: no row matches --only\n");
  process.exit(2);
}
process.stdout.write(`${formatTable(rows)}\n\n`);
if (values.notes)
  for (const row of rows)
    if (row.notes.length > 0)
      process.stdout.write(`${row.fault}:\n${row.notes.map((n) => `  ${n}\n`).join("")}\n`);
const failed = rows.filter(rowFailed);
process.stdout.write(
  `${rows.length} rows, ${rows.reduce((sum, row) => sum + row.inputs, 0)} inputs, ${(ms / 1000).toFixed(1)} s${
    values.short ? " (short form)" : ""
  }: ${failed.length === 0 ? "all clean" : `${failed.length} failing`}\n`,
);
// Sockets and timers of stopped bots may linger; the verdict is in.
process.exit(failed.length === 0 ? 0 : 1);
