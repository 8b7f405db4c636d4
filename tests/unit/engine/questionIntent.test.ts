/** What a question asks for, read from its wording: pure functions, questions written for this test. */
import { describe, expect, it } from "vitest";
import {
  askedType,
  datesGivenForFinerDate,
  dateWords,
  isNumberWord,
  isStrict,
  isVagueFocus,
  kindNamedBy,
  questionFocus,
  satisfies,
  type AskedType,
} from "../../../src/engine/questionIntent.ts";
import { expandChatSpeak, foldTokens } from "../../../src/engine/textAnalysis.ts";

/** The asked type of a question as typed, from its folded tokens after chat-speak expansion (as the engine reads it). */
const asked = (question: string): AskedType => askedType(expandChatSpeak(foldTokens(question)));

describe("askedType", () => {
  const cases: Array<[AskedType, string[]]> = [
    ["number", ["How many residents left Castlebury?", "how old is the bridge", "what is the death toll"]],
    [
      "distance",
      [
        "How far is Castlebury from Dunmore?",
        "How close is Wick to the river?",
        "what is the distance to Dunmore",
        // A count of kilometres is a distance, not a number.
        "how many kilometres is it to Dunmore",
      ],
    ],
    ["duration", ["How long did the floods last?", "how much time did the clean-up take"]],
    [
      "date",
      ["When did the floods reach Castlebury?", "What year was the bridge built?", "which day did it open"],
    ],
    ["agent", ["Who leads the rescue?", "whose pumps were sent", "Which group led the clean-up?"]],
    ["place", ["Where did the pumps come from?", "Which town flooded first?", "what city is the bridge in"]],
    ["reason", ["Why did residents leave?", "how come they left", "what caused the floods"]],
    ["any", ["Did the floods reach Castlebury?", "Is the bridge open?", "Tell me about Castlebury"]],
  ];
  for (const [type, questions] of cases)
    it(`reads ${type} questions`, () => {
      for (const question of questions) expect(asked(question), question).toBe(type);
    });

  it("reads chat-speak after it is expanded", () => {
    expect(asked("whens the vote")).toBe("date");
    expect(asked("whos the mayor")).toBe("agent");
    expect(asked("wheres the mayor")).toBe("place");
    expect(askedType(["whens", "the", "vote"])).toBe("any");
  });

  it("matches whole words only", () => {
    for (const question of [
      "Somewhere near Castlebury?",
      "nowhere to go",
      "whoever sent the pumps",
      "whereabouts",
    ])
      expect(asked(question), question).toBe("any");
  });

  it("says which asked types a fact must satisfy to answer at all", () => {
    for (const type of ["number", "distance", "date", "duration", "place"] as const)
      expect(isStrict(type), type).toBe(true);
    for (const type of ["agent", "reason", "any"] as const) expect(isStrict(type), type).toBe(false);
  });
});

describe("satisfies", () => {
  it("accepts the answer types that can answer each asked type", () => {
    expect(satisfies("number", ["number"])).toBe(true);
    expect(satisfies("number", ["description", "number"])).toBe(true);
    expect(satisfies("agent", ["quote"])).toBe(true);
    expect(satisfies("agent", ["organisation"])).toBe(true);
    expect(satisfies("place", ["distance"])).toBe(true);
    expect(satisfies("duration", ["date"])).toBe(true);
  });

  it("refuses the others", () => {
    expect(satisfies("number", ["description"])).toBe(false);
    expect(satisfies("number", [])).toBe(false);
    expect(satisfies("distance", ["place"])).toBe(false);
    expect(satisfies("reason", ["description"])).toBe(false);
    expect(satisfies("date", ["number"])).toBe(false);
  });

  it("lets any fact answer a question that asks for nothing in particular", () => {
    expect(satisfies("any", [])).toBe(true);
    expect(satisfies("any", ["description"])).toBe(true);
  });
});

describe("questionFocus", () => {
  it("reads “what is the X of NAME” as X, bound to the name", () => {
    expect(questionFocus("What is the population of Castlebury?")).toStrictEqual({
      word: "population",
      boundToName: true,
    });
    expect(questionFocus("what's the population of castlebury")).toStrictEqual({
      word: "population",
      boundToName: true,
    });
    expect(questionFocus("WHO WAS THE MAYOR OF CASTLEBURY")).toStrictEqual({
      word: "mayor",
      boundToName: true,
    });
    expect(questionFocus("Who is the leader of the river authority?")).toStrictEqual({
      word: "leader",
      boundToName: true,
    });
  });

  it("reads “NAME's X” as X, bound to the name, with any apostrophe", () => {
    for (const question of [
      "Marchbank's husband",
      "Marchbank’s husband",
      "Marchbank‘s husband",
      "Marchbank`s husband",
    ])
      expect(questionFocus(question), question).toStrictEqual({
        word: "husband",
        boundToName: true,
        possessor: "marchbank",
      });
  });

  it("gives the word before a possessive, so a plain word (“the council's…”) or a contraction (“what's…”) can be told from a name", () => {
    expect(questionFocus("where did the council's road crews go?")?.possessor).toBe("council");
    expect(questionFocus("what's likely to flood next?")?.possessor).toBe("what");
  });

  it("reads “which X is…” as X, not bound to a name", () => {
    expect(questionFocus("Which bridge was closed?")).toStrictEqual({ word: "bridge", boundToName: false });
    expect(questionFocus("what town did the floods hit")).toStrictEqual({ word: "town", boundToName: false });
  });

  it("reads “how many X” as X, the thing counted", () => {
    expect(questionFocus("How many residents left?")).toStrictEqual({
      word: "residents",
      boundToName: false,
      counted: true,
    });
  });

  it("reads “how big is…” as the measure asked", () => {
    expect(questionFocus("How big is Castlebury?")).toStrictEqual({ word: "big", boundToName: false });
    expect(questionFocus("how old is the bridge")).toStrictEqual({ word: "old", boundToName: false });
  });

  it("finds no focus where the wording names none", () => {
    for (const question of [
      "Did the floods reach Castlebury?",
      "Who leads the rescue?",
      "what is happening",
      "how many",
      "",
      "a".repeat(6000),
    ])
      expect(questionFocus(question), question.slice(0, 20)).toBeNull();
  });
});

describe("focus words", () => {
  it("tells a vague focus word from one that says what is asked", () => {
    for (const word of ["thing", "point", "date", "reason", "time"])
      expect(isVagueFocus(word), word).toBe(true);
    for (const word of ["population", "mayor", "bridge", "constructor", "__proto__"])
      expect(isVagueFocus(word), word).toBe(false);
    // "what is the date of…": the focus is found, and it is vague.
    const focus = questionFocus("what is the date of the floods");
    expect(focus?.word).toBe("date");
    expect(isVagueFocus(focus?.word ?? "")).toBe(true);
  });

  it("names the kind of thing a focus word names, singular or plural", () => {
    expect(kindNamedBy("country")).toBe("country");
    expect(kindNamedBy("countries")).toBe("country");
    expect(kindNamedBy("town")).toBe("city");
    expect(kindNamedBy("towns")).toBe("city");
    expect(kindNamedBy("region")).toBe("province");
    expect(kindNamedBy("militia")).toBe("organisation");
    expect(kindNamedBy("groups")).toBe("organisation");
  });

  it("names no kind for other words, Object.prototype's names included", () => {
    for (const word of ["population", "bridge", "constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(kindNamedBy(word), word).toBeUndefined();
  });
});

describe("numbers and dates", () => {
  it("tells a word that gives a count", () => {
    for (const word of ["3", "1,200", "2.5", "thousands", "dozen", "several"])
      expect(isNumberWord(word), word).toBe(true);
    for (const word of ["lots", "3rd", "bridge", ""]) expect(isNumberWord(word), word).toBe(false);
  });

  it("finds the words that name a date, “may” only beside a number", () => {
    expect(dateWords(foldTokens("On Monday, January 2, 2025, the river may rise"))).toEqual([
      "monday",
      "january",
      "2",
      "2025",
    ]);
    expect(dateWords(foldTokens("by May 3"))).toEqual(["may", "3"]);
    expect(dateWords(foldTokens("the bridge may close"))).toEqual([]);
  });

  it("gives the dates a question asking for a finer date names itself, and null for others", () => {
    expect(datesGivenForFinerDate(foldTokens("in which month of 2025 did it flood"))).toEqual(
      new Set(["2025"]),
    );
    expect(datesGivenForFinerDate(foldTokens("on what exact date"))).toEqual(new Set());
    expect(datesGivenForFinerDate(foldTokens("in what year did it flood"))).toBeNull();
  });
});
