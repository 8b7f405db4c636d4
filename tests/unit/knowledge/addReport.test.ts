/** `npm run knowledge:add` (addReport.ts): one command adds a report, or refuses and changes nothing. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFactdesk } from "../../../src/engine/factdesk.ts";
import { AddReportError, addReport } from "../../../src/knowledge/addReport.ts";
import { PROJECT_DIR } from "../../support/runProcess.ts";

const HARBOUR = path.join(PROJECT_DIR, "tests/fixtures/stores/harbour");
const SECOND = path.join(HARBOUR, "marlow-2025-03-04.txt");

/** A store holding only the first harbour report. */
function storeOfOne(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "factdesk-add-"));
  cpSync(path.join(HARBOUR, "marlow-2025-03-01.txt"), path.join(dir, "marlow-2025-03-01.txt"));
  const sources = readFileSync(path.join(HARBOUR, "sources.yaml"), "utf8").split("- id: marlow-2025-03-04")[0] ?? "";
  writeFileSync(path.join(dir, "sources.yaml"), sources);
  return dir;
}
const snapshot = (dir: string) =>
  readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), "utf8")] as const);

describe("addReport", () => {
  it("copies the report unchanged and registers it; the bot answers from it at once", () => {
    const dir = storeOfOne();
    const { store, source } = addReport(dir, { file: SECOND, publisher: "Test Reports", date: "2025-03-04", title: "Second week" });
    expect(source.id).toBe("marlow-2025-03-04");
    expect(readFileSync(path.join(dir, "marlow-2025-03-04.txt"), "utf8")).toBe(readFileSync(SECOND, "utf8"));
    const reply = createFactdesk(store).answer("did the union reject the offer?");
    expect(reply.kind === "answer" && reply.citations[0]?.source.id).toBe("marlow-2025-03-04");
  });

  it.each([
    ["a date that disagrees with the file's date marker", { date: "2025-03-05" }, /differs from the file's date marker 2025-03-04/],
    ["an id already used", { id: "marlow-2025-03-01" }, /id "marlow-2025-03-01" is already used/],
    ["a date that is no date", { date: "4 March" }, /--date must be a date/],
  ])("refuses %s with one line and changes nothing", (_name, change, message) => {
    const dir = storeOfOne();
    const before = snapshot(dir);
    expect(() =>
      addReport(dir, { file: SECOND, publisher: "Test Reports", date: "2025-03-04", title: "Second week", ...change }),
    ).toThrow(message);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses a file with no sentences", () => {
    const dir = storeOfOne();
    const empty = path.join(dir, "..", `empty-${path.basename(dir)}.txt`);
    writeFileSync(empty, " date 2025-03-04 A caption (Test Photographer/TR)\n");
    const before = snapshot(dir);
    expect(() => addReport(dir, { file: empty, publisher: "P", date: "2025-03-04", title: "T" })).toThrow(AddReportError);
    expect(snapshot(dir)).toEqual(before);
  });
});
