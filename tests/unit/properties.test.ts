/**
 * Property-based tests (fast-check): whatever a member types — any Unicode up to 6,000
 * characters, markdown, mentions, right-to-left and zero-width text, very long words — the
 * engine, the place lookup and the Discord renderers never throw, stay inside Discord's
 * limits, never ping, and quote only verbatim sentences.
 * `npm test` runs FUZZ_RUNS (default 150) cases per property; `npm run fuzz` runs 10,000.
 */
import { viewPlace, viewReply } from "../../src/view/replyView.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_QUESTION_LENGTH, type Reply } from "../../src/engine/answerEngine.ts";
import type { PlaceLookup } from "../../src/engine/lookupPlace.ts";
import { renderPlace, renderReply, type MessagePayload } from "../../src/discord/renderReply.ts";
import { RequestValidator } from "@factdesk/loopback-discord";
import { PROJECT_DIR } from "../support/runProcess.ts";
import { testFactdesk } from "../support/testFactdesk.ts";
import YAML from "yaml";
import { createFactdesk } from "../../src/engine/factdesk.ts";
import { storeWith } from "../../src/evaluation/evaluationStores.ts";
import { EVAL_DIR } from "../../src/evaluation/questionSets.ts";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "../../src/knowledge/loadKnowledge.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const factdesk = testFactdesk();
const ARTICLE = readFileSync(path.join(PROJECT_DIR, "knowledge/hama-2024-12-05.txt"), "utf8");
const validator = RequestValidator.shared();

/** Pieces hostile input is made of. */
const hostilePiece = fc.oneof(
  fc.constantFrom(
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&123456789012345678>",
    "<#123456789012345678>",
    "**bold**",
    "__under__",
    "||spoiler||",
    "`code`",
    "```js\nalert(1)\n```",
    "[masked](https://example.com)",
    "# heading",
    "> quote",
    "- list",
    "\u200b",
    "\u200f",
    "\u202e",
    "\u0301\u0301\u0301",
    "🇸🇾",
    "👨‍👩‍👧‍👦",
    "حماة",
    "Ḥamāh",
    "who leads the offensive",
    "HTS",
    "what is the population of hama",
    "?!?!",
    "...",
    "\n",
    "\t",
    "\\",
    '"',
    "'",
    "${x}",
    "%s",
    "\u0000",
    // Object.prototype's own names: a table keyed by user text must never find them.
    ...Object.getOwnPropertyNames(Object.prototype),
  ),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: fc.constantFrom("a", "b", "x", "z"), minLength: 200, maxLength: 900 }),
);
const hostileText = fc
  .array(hostilePiece, { maxLength: 40 })
  .map((pieces) => pieces.join(" ").slice(0, 6000));
const anyText = fc.oneof(
  hostileText,
  fc.string({ unit: "binary", maxLength: 6000 }),
  fc.string({ unit: "grapheme", maxLength: 2000 }),
);

function expectVerbatim(texts: readonly string[]) {
  for (const text of texts) expect(ARTICLE).toContain(text);
}

/** The message as the bot sends it, validated as Discord would receive it. */
function expectSendable(payload: MessagePayload) {
  const body = { ...payload, content: payload.content ?? "", allowed_mentions: { parse: [] } };
  const asMessage = validator.validate("post", "/channels/123456789012345678/messages", body);
  const asCallback = validator.validate("post", "/interactions/123456789012345678/token/callback", {
    type: 4,
    data: body,
  });
  expect([...asMessage, ...asCallback]).toEqual([]);
  // Nothing that renders as a mention may come from what the member typed.
  const rendered = [
    payload.content ?? "",
    ...payload.embeds.flatMap((e) => [
      e.title ?? "",
      e.description ?? "",
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join("\n");
  expect(rendered).not.toMatch(/@(everyone|here)/);
  expect(rendered).not.toMatch(/<@[!&]?\d+>|<#\d+>/);
}

describe("hostile input", () => {
  it("the engine never throws and quotes only verbatim sentences", () => {
    fc.assert(
      fc.property(anyText, (question) => {
        const reply: Reply = factdesk.answer(question);
        expect(["answer", "refusal"]).toContain(reply.kind);
        expect(reply.confidence).toBeGreaterThanOrEqual(0);
        expect(reply.confidence).toBeLessThanOrEqual(1);
        if (reply.kind === "answer") expectVerbatim(reply.citations.map((c) => c.sentence.text));
        if (question.trim().length > MAX_QUESTION_LENGTH)
          expect(reply).toMatchObject({ kind: "refusal", reason: "too_long" });
      }),
      { numRuns: RUNS },
    );
  });

  it("the place lookup never throws and quotes only verbatim sentences", () => {
    fc.assert(
      fc.property(anyText, (name) => {
        const lookup: PlaceLookup = factdesk.lookupPlace(name);
        if (lookup.kind === "found") expectVerbatim(lookup.citations.map((c) => c.sentence.text));
        else expect(lookup.suggestions.length).toBe(factdesk.store.places.length);
        expect(factdesk.completePlace(name).length).toBeLessThanOrEqual(25);
      }),
      { numRuns: RUNS },
    );
  });

  it("every reply rendered for Discord is inside its limits and pings nobody", () => {
    fc.assert(
      fc.property(anyText, (question) => {
        expectSendable(renderReply(viewReply(factdesk.answer(question), factdesk.store.sources)));
        expectSendable(renderPlace(viewPlace(factdesk.lookupPlace(question))));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("a story of many reports", () => {
  it("every place look-up, each report's say under its own date, is inside Discord's limits", () => {
    const reports = (
      YAML.parse(readFileSync(path.join(EVAL_DIR, "reports/sources.yaml"), "utf8")) as Array<{ id: string }>
    ).map((r) => r.id);
    const story = createFactdesk(
      loadKnowledge(storeWith(DEFAULT_KNOWLEDGE_DIR, path.join(EVAL_DIR, "reports"), reports)),
    );
    const manyReports = story.store.places.filter((place) => {
      const lookup = story.lookupPlace(place.name);
      expect(lookup.kind).toBe("found");
      const payload = renderPlace(viewPlace(lookup));
      expectSendable(payload);
      return payload.embeds.length > 1;
    });
    // Hama, Homs, Damascus… are named by several reports: their replies hold several embeds.
    expect(manyReports.map((p) => p.name)).toEqual(expect.arrayContaining(["Hama", "Homs", "Damascus"]));
  });
});

describe("what a member sends cannot change what the bot knows", () => {
  it("the store is frozen and the knowledge files are untouched after hostile questions", () => {
    const files = [
      "sources.yaml",
      "facts.yaml",
      "places.yaml",
      "entities.yaml",
      "synonyms.yaml",
      "timeline.yaml",
      "hama-2024-12-05.txt",
    ];
    const read = () => files.map((f) => readFileSync(path.join(factdesk.store.dir, f), "utf8"));
    const before = { files: read(), store: JSON.stringify(factdesk.store.facts) };
    fc.assert(
      fc.property(anyText, (text) => {
        factdesk.answer(text);
        factdesk.lookupPlace(text);
        factdesk.completePlace(text);
      }),
      { numRuns: RUNS },
    );
    expect(JSON.stringify(factdesk.store.facts)).toBe(before.store);
    expect(read()).toEqual(before.files);
    expect(Object.isFrozen(factdesk.store.facts)).toBe(true);
    expect(Object.isFrozen(factdesk.store.facts[0]?.citations[0]?.sentence)).toBe(true);
    expect(() => {
      (factdesk.store.facts as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });
});
