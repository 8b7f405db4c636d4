/**
 * A store of two short reports written for the tests (tests/fixtures/stores/harbour: a port
 * strike on two days), with no curation at all: answers come from the sentences themselves,
 * each framed by its own report, newest first where both speak, with honest dates.
 */
import { viewPlace, viewReply } from "../../../src/view/replyView.ts";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AnswerReply, Reply } from "../../../src/engine/answerEngine.ts";
import { createFactdesk } from "../../../src/engine/factdesk.ts";
import { loadKnowledge } from "../../../src/knowledge/loadKnowledge.ts";
import { renderPlaceText, renderReplyText } from "../../../src/terminal/renderText.ts";
import { replyJson } from "../../../src/terminal/replyJson.ts";
import { PROJECT_DIR } from "../../support/runProcess.ts";

const HARBOUR = path.join(PROJECT_DIR, "tests/fixtures/stores/harbour");
const store = loadKnowledge(HARBOUR);
const factdesk = createFactdesk(store, { now: () => new Date("2025-06-01T12:00:00Z") });

function answered(reply: Reply): AnswerReply {
  if (reply.kind !== "answer") throw new Error(`refused: ${reply.trace?.decision ?? reply.reason}`);
  return reply;
}
const firstOf = (reply: AnswerReply) => reply.citations[0]?.sentence;

describe("a store of bare reports (no facts, claims, entities, places or synonyms of its own)", () => {
  it("loads, with one fact for each sentence and the names the reports use", () => {
    expect(store.facts).toHaveLength(store.sources.reduce((n, s) => n + s.sentences.length, 0));
    expect(store.facts.every((f) => !f.curated)).toBe(true);
    expect(store.entities.map((e) => e.name)).toContain("Dana Whitcombe");
    expect(store.places.map((p) => p.name)).toEqual(expect.arrayContaining(["Marlow", "Easton"]));
  });

  it("answers from the sentences and refuses what they do not say", () => {
    expect(firstOf(answered(factdesk.answer("who is Dana Whitcombe?")))?.text).toContain(
      "Union leader Dana Whitcombe",
    );
    expect(factdesk.answer("did the police arrest anyone?").kind).toBe("refusal");
  });
});

describe("answers across reports", () => {
  it("a question about how things stand is answered from the newest report, the older one after it", () => {
    const reply = answered(factdesk.answer("how many workers are on strike?"));
    expect(firstOf(reply)?.text).toContain("about 6,500 workers");
    expect(reply.citations[0]?.source.id).toBe("marlow-2025-03-04");
    expect(reply.alsoReported?.[0]?.citations[0]?.sentence.text).toContain("about 4,000 workers");
    const text = renderReplyText(viewReply(reply, store.sources));
    expect(text.indexOf("4 March 2025")).toBeLessThan(
      text.indexOf("Earlier, as reported by the Test Reports on 1 March 2025"),
    );
  });

  it("reports that disagree are both shown, each with its own date, never merged", () => {
    const reply = answered(factdesk.answer("where were the ships diverted to?"));
    const sources = [
      reply.citations[0]?.source.id,
      ...(reply.alsoReported ?? []).map((o) => o.citations[0]?.source.id),
    ];
    expect(sources).toEqual(["marlow-2025-03-04", "marlow-2025-03-01"]);
    const json = replyJson(viewReply(reply, store.sources));
    expect(json.citations.every((c) => c.source === "marlow-2025-03-04")).toBe(true);
    expect(json.alsoReported?.[0]?.citations.every((c) => c.source === "marlow-2025-03-01")).toBe(true);
  });

  it("a question about now says which date it speaks for and how long ago that was", () => {
    const reply = answered(factdesk.answer("is the strike still going on?"));
    expect(reply.asOf?.source.id).toBe("marlow-2025-03-04");
    expect(reply.asOf?.daysAgo).toBe(89);
    expect(renderReplyText(viewReply(reply, store.sources))).toMatch(
      /^As of 4 March 2025 .*2 months ago\. It knows nothing later/,
    );
    expect(replyJson(viewReply(reply, store.sources)).asOf).toEqual({
      source: "marlow-2025-03-04",
      date: "2025-03-04",
      daysAgo: 89,
    });
  });

  it("a question about one report's events is answered from that report", () => {
    const reply = answered(factdesk.answer("when did the strike begin?"));
    expect(reply.citations[0]?.source.id).toBe("marlow-2025-03-01");
  });

  it("a question can be asked of one report only", () => {
    const reply = answered(
      factdesk.answer("how many workers are on strike?", { reports: ["marlow-2025-03-01"] }),
    );
    expect(firstOf(reply)?.text).toContain("about 4,000 workers");
    expect(reply.alsoReported ?? []).toHaveLength(0);
  });

  it("a place's look-up gives what each report says of it, the newest report first, the older marked earlier", () => {
    const lookup = factdesk.lookupPlace("what's going on in Marlow?");
    expect(lookup.kind).toBe("found");
    if (lookup.kind !== "found") return;
    expect(lookup.place.name).toBe("Marlow");
    const sources = lookup.citations.map((c) => c.source.id);
    expect(sources[0]).toBe("marlow-2025-03-04");
    expect(sources.indexOf("marlow-2025-03-01")).toBeGreaterThan(sources.lastIndexOf("marlow-2025-03-04"));
    const text = renderPlaceText(viewPlace(lookup));
    expect(text).toMatch(/^Marlow \(city\) — As reported by the Test Reports on 4 March 2025:/);
    expect(text).toContain("Earlier, as reported by the Test Reports on 1 March 2025:");
    expect(text.indexOf("about 6,500 workers")).toBeLessThan(text.indexOf("about 4,000 workers"));
    // A report that names the place once gives that sentence: "diverted to Easton".
    const easton = factdesk.lookupPlace("Easton");
    expect(easton.kind === "found" && easton.citations.map((c) => c.source.id)).toEqual([
      "marlow-2025-03-04",
      "marlow-2025-03-01",
    ]);
  });

  it("offers a sentence no curator described as a quote under its report's date, never as a present-day fact", () => {
    const view = viewReply(factdesk.answer("what did the police do?"), store.sources);
    const offered = view.kind === "refuse" || view.kind === "clarify" ? view.suggestions : [];
    expect(offered.length).toBeGreaterThan(0);
    for (const o of offered) expect(o.question).toMatch(/^[1-4] March 2025: “.+”$/);
    expect(offered.every((o) => o.question.length <= 80)).toBe(true);
  });
});
