/**
 * The spell corrector on a small vocabulary written for this test (words of a fictional report
 * on floods at Castlebury), a few English words and stop words: it corrects only tokens that
 * are neither store words nor English words nor stop words.
 */
import { describe, expect, it } from "vitest";
import { SpellCorrector, undouble } from "../../../src/engine/spellCorrect.ts";

/** The store's words, with how often the store uses each. */
const VOCABULARY = new Map([
  ["castlebury", 3],
  ["dunmore", 2],
  ["bridge", 5],
  ["bride", 1],
  ["floods", 4],
  ["residents", 2],
  ["rescue", 1],
  ["edwina", 1],
  ["marchbank", 2],
  ["tamar", 1],
  ["tammer", 100],
]);
const ENGLISH = new Set(["population", "bridges", "castle", "flood", "constructor"]);
const STOP_WORDS = new Set(["because", "again", "their", "the", "what", "about"]);
/** Words of the store's people's names (Edwina Marchbank). */
const NAME_WORDS = new Set(["edwina", "marchbank"]);

const speller = new SpellCorrector(VOCABULARY, ENGLISH, STOP_WORDS, NAME_WORDS);

describe("SpellCorrector.correct", () => {
  it("corrects a misspelt store word to the store's spelling", () => {
    expect(speller.correct("castlebery")).toBe("castlebury");
    expect(speller.correct("castlbury")).toBe("castlebury");
    expect(speller.correct("flods")).toBe("floods");
    expect(speller.correct("dunmor")).toBe("dunmore");
    expect(speller.correct("rescu")).toBe("rescue");
  });

  it("corrects two neighbouring letters swapped, the first two included", () => {
    expect(speller.correct("castlebruy")).toBe("castlebury");
    expect(speller.correct("residnets")).toBe("residents");
    expect(speller.correct("acstlebury")).toBe("castlebury");
  });

  it("corrects a misspelt stop word", () => {
    expect(speller.correct("agian")).toBe("again");
    expect(speller.correct("thier")).toBe("their");
    expect(speller.correct("becuse")).toBe("because");
  });

  it("leaves store words, English words and stop words as typed", () => {
    for (const word of ["castlebury", "bridge", "population", "bridges", "castle", "because"])
      expect(speller.correct(word), word).toBe(word);
  });

  it("leaves a number, or any token with a digit, alone", () => {
    for (const token of ["1200", "2025", "2o25", "4000s", "3rd"])
      expect(speller.correct(token), token).toBe(token);
  });

  it("leaves a token of fewer than four letters alone", () => {
    expect(speller.correct("cas")).toBe("cas");
    expect(speller.correct("brid")).toBe("bride");
  });

  it("prefers a word that differs only by a doubled letter, then the store's commoner word", () => {
    // "tammar" is "tamar" with a letter doubled, and one edit from "tammer", which the store uses far more.
    expect(speller.correct("tammar")).toBe("tamar");
    // "brige" is one edit from both "bridge" and "bride": the commoner wins.
    expect(speller.correct("brige")).toBe("bridge");
    const brideCommoner = new SpellCorrector(
      new Map([
        ["bridge", 1],
        ["bride", 5],
      ]),
      new Set(),
      new Set(),
    );
    expect(brideCommoner.correct("brige")).toBe("bride");
  });

  it("does not correct a short word two edits from a person's name into that name", () => {
    // "Edwige" is likelier another person than a misspelt "Edwina".
    expect(speller.correct("edwige")).toBe("edwige");
    expect(speller.isStranger("edwige")).toBe(true);
    // Without the name words the same vocabulary corrects it.
    expect(new SpellCorrector(VOCABULARY, ENGLISH, STOP_WORDS).correct("edwige")).toBe("edwina");
    // One edit is a misspelling still, and a long name has room for two.
    expect(speller.correct("edwinn")).toBe("edwina");
    expect(speller.correct("merchbenk")).toBe("marchbank");
  });

  it("does not correct a slip in the first letter (one index per first letter)", () => {
    expect(speller.correct("kastlebury")).toBe("kastlebury");
    expect(speller.isStranger("kastlebury")).toBe(true);
  });

  it("leaves a word unlike any it knows as typed", () => {
    expect(speller.correct("zorblax")).toBe("zorblax");
  });

  it("never throws on hostile input", () => {
    const long = "a".repeat(6000);
    expect(speller.correct(long)).toBe(long);
    for (const token of ["__proto__", "tostring", "hasownproperty", "valueof", "ĉastlebury"])
      expect(speller.correct(token), token).toBe(token);
    expect(new SpellCorrector(new Map(), new Set(), new Set()).correct("castlebury")).toBe("castlebury");
  });
});

describe("SpellCorrector.isStranger", () => {
  it("is true of a word known nowhere that no correction reaches", () => {
    expect(speller.isStranger("zorblax")).toBe(true);
    expect(speller.isStranger("__proto__")).toBe(true);
  });

  it("is false of known words, corrected words, short tokens and numbers", () => {
    for (const token of ["castlebury", "population", "because", "castlebery", "agian", "zor", "12345"])
      expect(speller.isStranger(token), token).toBe(false);
  });
});

describe("undouble", () => {
  it("writes each run of one letter once", () => {
    expect(undouble("castleburry")).toBe("castlebury");
    expect(undouble("dunnmoore")).toBe("dunmore");
    expect(undouble("ḥḥama")).toBe("ḥama");
    expect(undouble("1100")).toBe("1100");
  });
});
