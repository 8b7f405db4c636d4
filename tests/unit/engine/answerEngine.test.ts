/** The answer engine's rules, on the shipped store. Quality is measured by `npm run eval`; these pin behaviour. */
import { viewReply } from "../../../src/view/replyView.ts";
import { describe, expect, it } from "vitest";
import { MAX_QUESTION_LENGTH } from "../../../src/engine/answerEngine.ts";
import { createFactdesk } from "../../../src/engine/factdesk.ts";
import { shippedCalibration } from "../../../src/engine/decide/calibration.ts";
import { checkReachability } from "../../../src/curation/checkReachability.ts";
import { replyJson } from "../../../src/terminal/replyJson.ts";
import { renderReplyText } from "../../../src/terminal/renderText.ts";
import { testFactdesk } from "../../support/testFactdesk.ts";
import { smallStore } from "../../support/smallStore.ts";
import path from "node:path";
import { storeWith } from "../../../src/evaluation/evaluationStores.ts";
import { EVAL_DIR } from "../../../src/evaluation/questionSets.ts";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "../../../src/knowledge/loadKnowledge.ts";

const factdesk = testFactdesk();
const firstSentence = (question: string) => {
  const reply = factdesk.answer(question);
  return reply.kind === "answer" ? reply.citations[0]?.sentence.text : null;
};
/** The sentence offered first: the answer's first quote, or the first option of a question back ("did you mean…?"). */
const firstOffered = (question: string) => {
  const reply = factdesk.answer(question);
  if (reply.kind === "answer") return reply.citations[0]?.sentence.text;
  return reply.reason === "unsure" ? reply.suggestions[0]?.citations[0]?.sentence.text : null;
};
/** On a small store, the first quote of the best candidate (uncalibrated: it always answers when one passes), or null. */
const firstQuoteOn = (store: ReturnType<typeof smallStore>, question: string) => {
  const reply = createFactdesk(store, { calibration: "raw" }).answer(question);
  return reply.kind === "answer" ? (reply.citations[0]?.sentence.text ?? null) : null;
};
/** The place a /city lookup resolves to, or null. */
const foundPlace = (query: string) => {
  const lookup = factdesk.lookupPlace(query);
  return lookup.kind === "found" ? lookup.place.name : null;
};

describe("refusals", () => {
  it("what the report says is only likely answers what may happen, not what did", () => {
    expect(factdesk.answer("Did the insurgents go on to capture Homs?").kind).toBe("refusal");
    expect(firstSentence("what will the insurgents target next?")).toMatch(/next target of the insurgents/);
  });

  it("a question asking for an exact figure is not answered by a sentence that gives none", () => {
    expect(factdesk.answer("exactly how many soldiers were killed in hama").kind).toBe("refusal");
    // …whatever the question word: "which wars exactly" asks to name them.
    expect(factdesk.answer("Which wars exactly are Russia and Iran busy with?").kind).toBe("refusal");
    expect(firstSentence("how many soldiers were killed in hama")).toMatch(/a number of troops were killed/);
    expect(firstSentence("how far exactly is Homs from Hama?")).toMatch(/40 kilometres/);
  });

  it("an empty or blank question is refused as empty, with suggestions", () => {
    for (const q of ["", "   ", "\n\t"]) {
      const reply = factdesk.answer(q);
      expect(reply).toMatchObject({ kind: "refusal", reason: "empty" });
      if (reply.kind === "refusal") expect(reply.suggestions.length).toBeGreaterThan(0);
    }
  });

  it("a question over the documented length is refused as too long, not guessed at", () => {
    const long = `who leads the offensive ${"and why ".repeat(MAX_QUESTION_LENGTH)}`;
    expect(factdesk.answer(long)).toMatchObject({ kind: "refusal", reason: "too_long" });
  });

  it("a greeting or punctuation has no content to answer", () => {
    for (const q of ["hi", "hello there!", "???", "thanks", "help", "what time is it?", "who made you"])
      expect(factdesk.answer(q)).toMatchObject({ kind: "refusal", reason: "no_content" });
  });

  it("what the article does not say is refused, naming what it has nothing on", () => {
    const reply = factdesk.answer("what is the weather in Damascus?");
    expect(reply).toMatchObject({ kind: "refusal", reason: "not_covered", unknownWords: ["weather"] });
  });

  it("a sentence that passes every check but is too unlikely right is not called silence", () => {
    const calibration = { ...shippedCalibration()!, answerAt: 0.999, clarifyAt: 0.998 };
    const engine = createFactdesk(factdesk.store, { calibration });
    const unsure = engine.answer("did the insurgents take hama");
    expect(unsure).toMatchObject({ kind: "refusal", reason: "not_covered", unclear: true });
    const text = renderReplyText(viewReply(unsure, factdesk.store.sources));
    expect(text).toMatch(/^I found nothing in the report that clearly answers that\./);
    // What no sentence answers at all is still said to be silence.
    const silent = engine.answer("what is the weather in Damascus?");
    expect(silent.kind === "refusal" && silent.unclear).toBeFalsy();
    expect(renderReplyText(viewReply(silent, factdesk.store.sources))).toMatch(/^The report does not say\./);
  });

  it("names the United States as a member writes it, not as the analysis spells it", () => {
    expect(factdesk.answer("what did the US say about hama")).toMatchObject({
      kind: "refusal",
      unknownWords: ["the United States"],
    });
  });

  it("a question naming someone the article never mentions is refused", () => {
    for (const q of [
      // two letters from Abdul-Ghani's name, but another man
      "Is Golani the leader of HTS?",
      "what did Erdogan say about Aleppo?",
      "who is Jolani",
      "what did the US government say about Hama",
      "what did the us say about hama",
      // "United States" spelled out: not the army's "units" and a "stated"
      "How did the United States react to the fall of Hama?",
      "what does america think of assad",
      // a concept the curator knows (the UN) that no fact speaks of
      "what did the UN say about the displaced people",
    ]) {
      expect(factdesk.answer(q).kind).toBe("refusal");
    }
  });

  it("'how many' needs a number, 'when' a date, 'how far' a distance", () => {
    expect(factdesk.answer("how many fighters does HTS have?").kind).toBe("refusal");
    expect(factdesk.answer("when did Homs fall?").kind).toBe("refusal");
    expect(factdesk.answer("how far is Aleppo from Hama?").kind).toBe("refusal");
  });

  it("'how many X' needs a fact that counts X, not one that mentions X beside another number", () => {
    expect(factdesk.answer("how many insurgents are there").kind).toBe("refusal");
    // a curated "how many people were killed" question counts people killed, not people living there
    expect(factdesk.answer("how many people live in Hama?").kind).toBe("refusal");
    expect(firstSentence("how many people were killed in the 1982 massacre?")).toContain("killed thousands");
    expect(firstSentence("how many days of clashes were there before the rebels got in?")).toContain(
      "three days of intense clashes",
    );
    expect(firstSentence("how many people have been displaced?")).toContain("Tens of thousands of people");
  });

  it("asked when something ended, the date it began does not answer", () => {
    expect(factdesk.answer("when did the 2011 uprising in Syria end?").kind).toBe("refusal");
    expect(firstSentence("when did the 2011 uprising in Syria begin?")).toContain("March 2011");
  });

  it("a capture or a killing asked about must be one the answering fact speaks of", () => {
    // The distance fact names Damascus but says nothing of its falling.
    expect(factdesk.answer("did damascus fall after hama??").kind).toBe("refusal");
    expect(firstSentence("who took aleppo")).toContain("captured much of Aleppo");
    expect(firstSentence("how many troops died")).toContain("a number of troops were killed");
  });

  it("asked for a finer date than the question gives, a fact that only repeats it does not answer", () => {
    expect(factdesk.answer("in which month of 1982 did the Hama massacre take place?").kind).toBe("refusal");
    expect(factdesk.answer("what day in 1982 did the massacre begin").kind).toBe("refusal");
    expect(factdesk.answer("at exactly what hour did the rebels get into Hama on Thursday?").kind).toBe(
      "refusal",
    );
    // The fact says more than the year asked about ("March 2011"), or no date was given.
    expect(firstSentence("what was the exact date in 2011 when the war began")).toContain("March 2011");
    expect(firstSentence("when did the 1982 massacre happen")).toContain("1982 massacre");
  });

  it("an ordinal or year must match: 'second largest' is not 'fourth largest'", () => {
    expect(factdesk.answer("what is Syria's second largest city?").kind).toBe("refusal");
    expect(factdesk.answer("what happened in Aleppo in 2015?").kind).toBe("refusal");
  });

  it("asking who did something to the very person the fact names is asking about someone else", () => {
    expect(factdesk.answer("who leads HTS?").kind).toBe("refusal");
    expect(firstSentence("who is HTS?")).toContain("Hayat Tahrir al-Sham");
  });

  it("an entity the article names but never describes is not described", () => {
    expect(factdesk.answer("what is the Muslim Brotherhood?").kind).toBe("refusal");
  });

  it("refusals carry no citations in JSON, and their suggestions are questions the bot answers", () => {
    const reply = factdesk.answer("how old is Bashar Assad?");
    const json = replyJson(viewReply(reply, factdesk.store.sources));
    expect(json).toMatchObject({ answered: false, citations: [] });
    for (const suggestion of json.suggestions) expect(factdesk.answer(suggestion).kind).toBe("answer");
  });
});

describe("answers", () => {
  it("quote the article verbatim, best sentence first", () => {
    const sentences = factdesk.store.sources[0]?.sentences.map((s) => s.text) ?? [];
    const reply = factdesk.answer("why is Hama strategically important?");
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer") return;
    expect(reply.citations[0]?.sentence.text).toContain("major intersection point");
    for (const c of reply.citations) expect(sentences).toContain(c.sentence.text);
    expect(reply.confidence).toBeGreaterThan(0);
    expect(reply.confidence).toBeLessThanOrEqual(1);
  });

  it.each([
    ["HTS", "what is HTS", "jihadi group Hayat Tahrir al-Sham"],
    ["SNA", "who backs the SNA?", "Turkish-backed Syrian militias"],
    ["SOHR", "where is SOHR based", "Britain-based Syrian Observatory"],
  ])("read the abbreviation %s", (_abbreviation, question, expected) => {
    expect(firstSentence(question)).toContain(expected);
  });

  it.each([
    ["how far is Homs from Hamah", "40 kilometres"],
    ["what happened in Ḥamāh in 1982", "1982 massacre"],
    ["when did the rebels take Halab", "captured much of Aleppo"],
    ["how far is Hama from Dimashq", "200 kilometres"],
    ["what is Lattakia", "coastal province of Latakia"],
  ])("read other spellings of places: %s", (question, expected) => {
    expect(firstSentence(question)).toContain(expected);
  });

  it.each([
    ["whos leading da offensive", "led by the jihadi group"],
    ["how many ppl got displaced", "Tens of thousands"],
    ["wen did the war start", "March 2011"],
    ["did the insurgants enter hamma", "entered Hama"],
    ["how far is homs frm hamma", "40 kilometres"],
    ["who is Rami Abdurahman", "Rami Abdurrahman"],
    // Romanised Arabic: ayn marks, and the article assimilated to a "sun letter" (ar-Rahman = al-Rahman).
    ["who is Ramī ʿAbd ar-Raḥmān", "Rami Abdurrahman"],
    // Equal edits away: a doubled-letter slip ("Homms" is Homs, not "homes"), then the commoner store word ("armey" is army, not "armed").
    ["how far is homms from hama", "40 kilometres"],
    ["did the armey withdrawl from hamma", "withdrawn from the central city of Hama"],
    // Two neighbouring letters swapped, back to a store word ("yaer") or a stop word ("agian").
    ["what yaer did the war begin", "March 2011"],
    ["why is the civil war flaring up agian now", "backers are preoccupied"],
    // A small word misspelt is no stranger to refuse over ("actualy" is "actually").
    ["did the oposition fighters actualy get inside the citty", "entered Hama"],
    // A phrasal verb split by its object reads as the phrase ("took Aleppo back" is a retaking).
    ["who has propped Assad up all these years", "Intervention by Russia, Iran"],
    ["did the army pull its troops out of hama", "withdrawn from the central city of Hama"],
    ["did the rebels ever take Aleppo back before", "first opposition attack on the city since 2016"],
    // A closing tag asks nothing: "right" is not human rights.
    ["latakia is on the coast, right", "coastal province of Latakia"],
    // Nor does a preamble ("any idea whether…", "I'm trying to understand why…").
    ["any idea whether the militants were pushing toward the middle of town?", "marching toward its centre"],
    ["I'm trying to understand why losing hama matters so much", "major setback"],
  ])("read chat-style wording and misspellings: %s", (question, expected) => {
    expect(firstSentence(question)).toContain(expected);
  });

  it("swap letters back only onto store words and stop words, not a name onto a rare English word", () => {
    // "Gani" is one swap from "gain", an English word the store does not use: it stays a name.
    expect(firstSentence("who is hassan abdul gani")).toContain("Major Hassan Abdul-Ghani");
  });

  it("are deterministic: the same question always gets the same reply, from any engine instance", () => {
    const other = createFactdesk(factdesk.store);
    for (const q of ["who leads the offensive", "what is the population of hama", "hamah?", "wat happened"]) {
      const first = JSON.stringify(replyJson(viewReply(factdesk.answer(q), factdesk.store.sources)));
      expect(JSON.stringify(replyJson(viewReply(factdesk.answer(q), factdesk.store.sources)))).toBe(first);
      expect(JSON.stringify(replyJson(viewReply(other.answer(q), other.store.sources)))).toBe(first);
    }
  });

  it("a suggestion button's fact answers from that fact; an unknown fact id answers null", () => {
    const fact = factdesk.store.facts[5];
    expect(fact).toBeDefined();
    if (!fact) return;
    expect(factdesk.answerFact(fact.id)).toMatchObject({ kind: "answer", fact, question: fact.questions[0] });
    expect(factdesk.answerFact("no-such-fact")).toBeNull();
  });

  it("reach nearly every fact from its own curated questions (store consistency)", () => {
    const { total, unreached } = checkReachability(factdesk);
    expect(total).toBeGreaterThan(200);
    expect(unreached.length / total).toBeLessThan(0.05);
  });
});

describe("place lookup", () => {
  it("resolves every name and alias in the store, in any case", () => {
    for (const place of factdesk.store.places) {
      for (const name of [place.name, ...place.aliases]) {
        for (const variant of [name, name.toUpperCase(), name.toLowerCase()])
          expect(foundPlace(variant), variant).toBe(place.name);
      }
    }
  });

  it("resolves misspellings and qualified names", () => {
    for (const [query, city] of [
      ["Alepo", "Aleppo"],
      ["Homz", "Homs"],
      ["Damascas", "Damascus"],
      ["the city of Hama", "Hama"],
      ["Latakia province", "Latakia"],
    ] as const)
      expect(foundPlace(query), query).toBe(city);
  });

  it("says a place is not in the article and lists those it covers", () => {
    // "Hamm" (a German city) is one letter from Hama: too close a call for a four-letter name.
    for (const query of ["Idlib", "Raqqa", "Beirut", "Hamadan", "Hamm", "Haifa", "Russia", "", "!!!"]) {
      const lookup = factdesk.lookupPlace(query);
      expect(lookup.kind, query).toBe("not_found");
      if (lookup.kind === "not_found")
        expect(lookup.suggestions.map((p) => p.name)).toEqual([
          "Hama",
          "Aleppo",
          "Homs",
          "Damascus",
          "Latakia",
        ]);
    }
  });

  it("reads the Arabic article however it is romanised, and French spellings", () => {
    for (const [query, city] of [
      ["el-Ladhiqiya", "Latakia"],
      ["ash-Sham", "Damascus"],
      ["Lattaquié", "Latakia"],
    ] as const)
      expect(foundPlace(query), query).toBe(city);
  });

  it("resolves the start of a name that picks out one place, as typed before autocomplete finishes", () => {
    for (const [query, city] of [
      ["hal", "Aleppo"],
      ["hom", "Homs"],
      ["dam", "Damascus"],
    ] as const)
      expect(foundPlace(query), query).toBe(city);
  });

  it("completes partial names for autocomplete, at most the limit", () => {
    expect(factdesk.completePlace("Ha").map((p) => p.name)).toContain("Hama");
    expect(factdesk.completePlace("dim").map((p) => p.name)).toEqual(["Damascus"]);
    expect(factdesk.completePlace("", 3)).toHaveLength(3);
  });
});

describe("question wording", () => {
  it("'what made', 'how come', 'what led to' ask why: their verbs are not what is asked about", () => {
    for (const q of [
      "what made the army pull out of Hama?",
      "how come the army pulled out of Hama?",
      "what led to the army's withdrawal from Hama?",
    ])
      // Either reason the article gives: the broken defences, or the civilians' lives.
      expect(firstSentence(q)).toMatch(
        /after insurgents broke through its defences|to protect the lives of civilians/,
      );
  });

  it("a comparison of two places is answered by what the article says of either", () => {
    expect(firstSentence("is aleppo bigger than homs?")).toMatch(/country’s (?:third )?largest/);
    expect(firstSentence("is hama closer to homs or to damascus?")).toMatch(/kilometres/);
    // a chat "or nah" compares nothing: every name must still be in the fact
    expect(factdesk.answer("did hezbollah take hama or nah").kind).toBe("refusal");
  });

  it("asked whether a state still holds, a later event that ended it answers, not the state", () => {
    // Hama was under government control from 2011; the report's withdrawal ended it.
    expect(firstOffered("Is Hama still under government control?")).toContain(
      "withdrawn from the central city of Hama",
    );
    // With a newer report beside it, "who controls Hama now?" is not answered by the 2011 state either.
    const withNext = createFactdesk(
      loadKnowledge(storeWith(DEFAULT_KNOWLEDGE_DIR, path.join(EVAL_DIR, "reports"), ["homs-2024-12-07"])),
    );
    const now = withNext.answer("who controls hama now?");
    expect(now.kind === "answer" ? now.citations[0]?.sentence.text : "").not.toContain("remained under full");
    // Asked about what was, the state answers.
    expect(firstOffered("was hama under government control during the war?")).toContain(
      "remained under full government control",
    );
  });

  it("'first' without a determiner says when, not which: an order question need not find it in the answer", () => {
    expect(
      firstOffered("which came first, the army's statement or the rebels saying they'd got in?"),
    ).toContain("hours after opposition fighters said");
    // Years are compared as names are: either one's sentence answers.
    expect(firstOffered("Which came first, the 1982 Hama massacre or the 2011 uprising?")).toContain("1982");
    // "in the last day" says when: "last" is no ordinal there.
    expect(
      factdesk.answer("how many troops were killed in the last day?").trace?.candidates[0]?.failed,
    ).not.toContain("names");
    // "the second largest" ranks a city: a sentence about the fourth largest does not say which is…
    expect(factdesk.answer("what is the second largest city in syria?").kind).toBe("refusal");
    // …though asked yes or no, the sentence giving Homs's true rank answers "no".
    expect(firstOffered("is homs the second largest city in syria?")).toContain("third largest");
  });

  it("a curated question asking for another thing (who, not why) matches only half", () => {
    const match = (question: string) =>
      factdesk.answer(question).trace?.candidates.find((c) => c.fact === "sna-umbrella-group")?.questionMatch;
    expect(match("who supports the sna")).toBe(1);
    expect(match("why does turkey support the sna")).toBe(0.5);
  });

  it("a question about what will happen is fitted only by claims of what is likely, not of what did happen", () => {
    const claimed = (question: string) => factdesk.answer(question).trace?.claims?.map((c) => c.action) ?? [];
    expect(claimed("did the army withdraw from hama?")).toContain("withdraw");
    expect(claimed("will the army withdraw from hama?")).not.toContain("withdraw");
    expect(firstSentence("are the insurgents going to attack homs")).toContain(
      "next target of the insurgents",
    );
  });

  it("a why-not question is not refused for want of a claim of what did not happen", () => {
    // "did Assad flee" is refused: no claim of fleeing involves him…
    expect(factdesk.answer("did assad flee the country").kind).toBe("refusal");
    // …but "why didn't the army defend Hama" asks about what did not happen, and the report says what did.
    const reply = factdesk.answer("Why didn't the army defend Hama to the end?");
    expect(reply.kind === "refusal" ? reply.notClaimed : undefined).toBeUndefined();
    expect(firstOffered("Why didn't the army defend Hama to the end?")).toMatch(
      /troops were killed|redeployed/,
    );
  });

  it("a yes/no question with a wrong year is answered by the sentence giving the right one", () => {
    expect(firstOffered("Did the Syrian civil war start in 2012?")).toContain("March 2011");
    // …but a question asking for something in that year still needs it.
    expect(factdesk.answer("what happened in hama in 2012?").kind).toBe("refusal");
  });

  it("a question naming three things no one sentence names together is answered by what is said of some", () => {
    expect(
      firstOffered("Confirm: the Observatory is based in Britain and its chief is Rami Abdurrahman?"),
    ).toMatch(/Rami Abdurrahman|Britain-based/);
  });

  it("'who is the current…' about one name says which report's date it speaks for", () => {
    const reply = factdesk.answer("who is the current president of syria");
    expect(reply.kind === "answer" ? reply.asOf?.source.id : null).toBe("hama-2024-12-05");
    const plain = factdesk.answer("who is the president of syria");
    expect(plain.kind === "answer" ? plain.asOf : "refused").toBeUndefined();
  });

  it("'how much time' asks how long; 'in the first place' is no ordinal", () => {
    expect(
      firstOffered("how much time passed between the rebels' claim and the army's announcement?"),
    ).toContain("hours after opposition fighters said");
    expect(firstSentence("what triggered the Syrian conflict in the first place?")).toContain("March 2011");
  });

  it("a kind asked for ('which country…') is answered by a fact naming one; effects and links are what the fact says", () => {
    expect(firstSentence("which country is the Syrian Observatory based in?")).toContain("Britain-based");
    expect(firstOffered("what is the Muslim Brotherhood's link to Hama?")).toContain(
      "Muslim Brotherhood uprising",
    );
  });

  it("'how much of' and 'how much does' ask how much, not for a number", () => {
    expect(firstSentence("how much of Aleppo did the insurgents capture?")).toContain(
      "captured much of Aleppo",
    );
  });
});

describe("a report's setting", () => {
  const report = (mentions: number) =>
    smallStore(
      [
        ...[
          "Floods reached Ukraine’s west on Monday.",
          "Rescuers in Ukraine said rivers were still rising.",
          "Ukraine asked its neighbours for pumps.",
        ].slice(0, mentions),
        "The bridge at Castlebury, the country’s longest, was closed on Tuesday.",
      ].join("\n\n"),
    );

  it("a sentence of a report set in a country speaks of it though it does not name it ('the country’s longest')", () => {
    expect(firstQuoteOn(report(3), "What is Ukraine's longest bridge?")).toContain("the country’s longest");
  });

  it("a country named in one sentence only is not the report's setting", () => {
    expect(firstQuoteOn(report(1), "What is Ukraine's longest bridge?")).toBeNull();
  });
});

describe("'which country…' in a report no curator described", () => {
  const store = smallStore(
    [
      "Since the spring, Turkey has backed the Coastal Militia.",
      "Norway and Chile sent envoys to the talks in Castlebury.",
      "Castlebury is the country’s largest port.",
    ].join("\n\n"),
  );
  const firstQuote = (question: string) => firstQuoteOn(store, question);

  it("reads a country of language/names.yaml as a country, so a sentence naming one answers", () => {
    expect(store.entities.find((e) => e.name === "Turkey")?.kind).toBe("country");
    expect(firstQuote("which country backs the coastal militia?")).toContain("Turkey has backed");
    expect(firstQuote("which country sent envoys to Castlebury?")).toContain("Norway and Chile");
  });

  it("is not answered by the country the question itself names", () => {
    expect(firstQuote("which country does Turkey back?")).toBeNull();
  });
});

describe("what a question asks about", () => {
  const store = smallStore(
    [
      "The council said its crews moved to the town of Dunmore to keep the roads open.",
      "The floods are a major setback for the town’s mayor, Ruth Marchbank.",
    ].join("\n\n"),
  );

  it("after a plain word's possessive is no name's own thing: “the council's work crews” need not say “work”", () => {
    expect(firstQuoteOn(store, "where did the council's work crews go?")).toContain("the town of Dunmore");
  });

  it("after a name's possessive it is: “Marchbank's husband” is not answered by what is said of her", () => {
    expect(firstQuoteOn(store, "who is Marchbank's husband?")).toBeNull();
  });

  it("“to what extent…”, “in what manner…” ask how, not about an extent or a manner", () => {
    expect(firstQuoteOn(store, "To what extent are the floods a setback for the mayor?")).toContain(
      "major setback",
    );
    expect(firstQuoteOn(store, "In what manner did the council keep the roads open?")).toContain(
      "keep the roads open",
    );
  });
});

describe("'the last time…'", () => {
  it("asks when, not for the last of things: the sentence that says 'the first time since' answers", () => {
    const store = smallStore(
      ["Floods reached Castlebury on Monday.", "The bridge was closed for the first time since 2010."].join(
        "\n\n",
      ),
    );
    expect(firstQuoteOn(store, "when was the last time the bridge was closed?")).toContain(
      "first time since 2010",
    );
  });
});

describe("a name that only dates what is asked", () => {
  it("need not be in the answer when no sentence naming it answers ('which town is next after Castlebury?')", () => {
    const store = smallStore(
      [
        "Floods reached Castlebury on Monday.",
        "Officials said the floods were likely to hit the town of Dunmore next.",
      ].join("\n\n"),
    );
    expect(firstQuoteOn(store, "which town will the floods hit next after Castlebury?")).toContain(
      "the town of Dunmore next",
    );
  });
});

describe("a pronoun in a report no curator described", () => {
  it("a sentence naming no one before its 'she' is about the person the sentence before named last", () => {
    const store = smallStore(
      [
        "Floods reached Castlebury on Monday, and Mayor Anna Brook left the town.",
        "Officials later said that she had arrived in Dunmore with her staff.",
      ].join("\n\n"),
    );
    expect(firstQuoteOn(store, "where did anna brook arrive?")).toContain("arrived in Dunmore");
  });
});

describe("yes/no questions in other shapes", () => {
  it("a statement with a tag asks yes or no: its wrong rank is answered by the sentence giving the true one", () => {
    expect(firstSentence("Hama is Syria’s second largest city, correct?")).toContain("fourth largest city");
  });

  it("a yes/no question's wrong rank is not a word to look for ('is Homs the country's second largest city?')", () => {
    expect(firstSentence("Is Homs the country's second largest city?")).toContain("third largest");
  });
});

describe("a yes/no question's wrong month or weekday", () => {
  it("is a value to check, not a stranger: the sentence giving the true date answers", () => {
    expect(firstSentence("Did the opposition offensive start on December 1?")).toContain("November 27");
  });

  it("still names something the report never says in a question that is not yes/no", () => {
    expect(factdesk.answer("what happened in hama in december 2023?").kind).toBe("refusal");
  });
});

describe("an exact figure asked for", () => {
  it("is not given by a year or by 'one of the most notorious': the report gives no exact toll", () => {
    expect(factdesk.answer("What is the exact death toll of the 1982 Hama massacre?").kind).toBe("refusal");
  });

  it("while a question that does not ask for an exact figure gets the sentence that says 'thousands'", () => {
    expect(firstOffered("how many people were killed in the 1982 hama massacre")).toContain(
      "killed thousands",
    );
  });
});

describe("the time of day asked for", () => {
  it("is not said by a day alone ('The announcement on Thursday…')", () => {
    expect(
      factdesk.answer("At what time on Thursday did the army announce its withdrawal from Hama?").kind,
    ).toBe("refusal");
  });

  it("is said by 'on Thursday morning'", () => {
    expect(firstOffered("What time of day did the fighters say they got into Hama?")).toContain(
      "Thursday morning",
    );
  });
});
