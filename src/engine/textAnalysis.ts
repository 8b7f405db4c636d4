/**
 * Turns text into the terms the engine compares: fold case and accents, expand chat-speak,
 * correct misspelt names and words, stem, and read known phrases (entity and place names,
 * synonyms) as one canonical term. Questions and the store go through the same steps, so
 * "Hamah", "hama" and "Ḥamāh" all become the term `@hama`, and "pulled out" becomes `withdraw`.
 */
import { eng as ENGLISH_STOP_WORDS } from "stopword";
import { createRequire } from "node:module";
import { stemmer } from "stemmer";
import { verbBase } from "../language/readWords.ts";
import type { KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import { englishLanguage } from "../language/englishLanguage.ts";
import { SpellCorrector } from "./spellCorrect.ts";

/** How a token foldTokens made up is written back to a member ("unitedstates"). */
const WRITTEN_AS: ReadonlyMap<string, string> = new Map([["unitedstates", "the United States"]]);

/** A word of the question as a member would write it. */
export const writtenAs = (token: string): string => WRITTEN_AS.get(token) ?? token;

/** Lowercase, strip accents and diacritics, unify apostrophes, and split into word tokens. */
export function foldTokens(text: string): string[] {
  const folded = text
    // "US" would fold to the stop word "us"; keep it a name.
    .replace(/\bU\.?S\.?A?\.?(?=\W|$)/g, " unitedstates ")
    // …and so would "the us" typed in lower case: the pronoun never follows "the".
    .replace(/\bthe us\b/gi, "the unitedstates")
    // …and "United States" would stem to the army's "units" and a "stated".
    .replace(/\bunited\s+states(?:\s+of\s+america)?\b/gi, " unitedstates ")
    // …but "South America" is not.
    .replace(/(?<!\b(?:south|latin|central|north)\s+)\bamerica\b/gi, " unitedstates ")
    // Before NFKD, which would make the acute accent used as an apostrophe ("Don´t") a space and a mark.
    .replace(/[’‘`´ʼ]/g, "'")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    // ayn and hamza in romanised Arabic ("ʿAbd", "Qurʾan") are not word breaks
    .replace(/[ʿʾ]/g, "")
    .replace(/\b(can)'t\b/g, "$1 not")
    .replace(/\bwon't\b/g, "will not")
    .replace(/n't\b/g, " not")
    .replace(/'(re|ve|ll|d|m)\b/g, "")
    .replace(/'s\b/g, "")
    // The Arabic article as romanised before a "sun letter" takes that letter's sound
    // ("ar-Rahman", "ash-Sham", "as-Suri"), and is often written "el-": all read as "al-".
    .replace(/\ba(sh|th|dh|[dnrstz])-(?=\1)/g, "al-")
    .replace(/\bel-(?=\p{L})/gu, "al-");
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Expands chat-speak tokens ("whos" → "who", "is") and reads a two-digit year after "in",
 * "of" or "since" as a year ("in 82" → "in 1982", "since 16" → "since 2016").
 */
export function expandChatSpeak(tokens: readonly string[]): string[] {
  return tokens.flatMap((token, i) => {
    // "in 16" is a year; "in 24 hours" and "of 12 bridges" are counts.
    const next = tokens[i + 1];
    if (
      /^\d{2}$/.test(token) &&
      ["in", "of", "since"].includes(tokens[i - 1] ?? "") &&
      (next === undefined || isStopWord(next))
    ) {
      return [`${Number(token) >= 30 ? "19" : "20"}${token}`];
    }
    return englishLanguage().chatSpeak.get(token)?.split(" ") ?? [token];
  });
}

/**
 * Phrases rewritten before analysis: those that only say "happened" ("took place", "went
 * down") are dropped like filler words; those that only ask "why" ("what made", "how come",
 * "what led to") become "why", so their verbs are not read as what is asked about.
 */
const PHRASE_REWRITES: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  ...["take", "took", "taking", "takes"].map((verb) => [[verb, "place"], []] as const),
  [["went", "down"], []],
  [["the", "deal", "with"], []],
  [["in", "the", "first", "place"], []],
  [["go", "down"], []],
  ...["made", "makes", "make", "caused", "causes", "cause", "prompted", "drove", "pushed", "forced"].map(
    (verb) => [["what", verb], ["why"]] as const,
  ),
  [["what", "led", "to"], ["why"]],
  [["what", "leads", "to"], ["why"]],
  [["how", "come"], ["why"]],
  [["for", "what", "reason"], ["why"]],
  // Preambles that only say a question follows ("any idea whether…", "I'm trying to understand why…").
  [["any", "idea"], []],
  [["any", "word", "on"], []],
  [["any", "word", "about"], []],
  [["any", "news", "on"], []],
  [["any", "news", "about"], []],
  [["trying", "to", "understand"], []],
  [["trying", "to", "figure", "out"], []],
  [["i", "wonder"], []],
];

/**
 * Drops a closing tag that only asks for agreement ("…, right?", "…or nah", "…, didn't it?"):
 * "right" would otherwise read as human *rights*, "didn't" as a negation. Such a question asks
 * yes or no (language/english.yaml: tagWords, orTags, tagPronouns) — as does an opening frame
 * ("true or false: …", yesNoFrames).
 */
function dropTag(tokens: readonly string[]): { tokens: readonly string[]; tagged: boolean } {
  const { tagWords, orTags, tagPronouns, auxiliaries, yesNoFrames } = englishLanguage();
  const frame = yesNoFrames.find((words) => words.every((w, i) => tokens[i] === w));
  if (frame && tokens.length > frame.length) return { tokens: tokens.slice(frame.length), tagged: true };
  const n = tokens.length;
  if (n >= 3 && tagWords.has(tokens[n - 1] ?? "")) return { tokens: tokens.slice(0, -1), tagged: true };
  if (n >= 4 && tokens[n - 2] === "or" && orTags.has(tokens[n - 1] ?? ""))
    return { tokens: tokens.slice(0, -2), tagged: true };
  // "…, wasn't it?" is folded as "was not it".
  if (
    n >= 5 &&
    auxiliaries.has(tokens[n - 3] ?? "") &&
    tokens[n - 2] === "not" &&
    tagPronouns.has(tokens[n - 1] ?? "")
  )
    return { tokens: tokens.slice(0, -3), tagged: true };
  // "…didn't start in December, did it?": after a statement with "not", a tag without one.
  if (
    n >= 5 &&
    auxiliaries.has(tokens[n - 2] ?? "") &&
    tagPronouns.has(tokens[n - 1] ?? "") &&
    tokens.slice(0, -2).includes("not")
  )
    return { tokens: tokens.slice(0, -2), tagged: true };
  return { tokens, tagged: false };
}

function rewritePhrases(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const rewrite = PHRASE_REWRITES.find(([from]) => from.every((word, k) => tokens[i + k] === word));
    if (rewrite) {
      out.push(...rewrite[1]);
      i += rewrite[0].length - 1;
    } else out.push(tokens[i] ?? "");
  }
  return out;
}

/** The particles of English phrasal verbs that can follow the verb's object. */
const PARTICLES: ReadonlySet<string> = new Set(["up", "out", "over", "back", "off", "down", "away"]);

const STOP_WORDS: ReadonlySet<string> = new Set([
  ...ENGLISH_STOP_WORDS.filter((w) => !englishLanguage().meaningfulStopWords.has(w)),
  ...englishLanguage().fillerWords,
]);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/**
 * Common English words (the comprehensive stopwords-iso list: "again", "whole", "right",
 * "once"…). They are kept as terms, since the store may use some ("three", "next"), but one
 * the store does not use says little about what is asked, so it weighs less than a rare word.
 */
const COMMON_WORDS: ReadonlySet<string> = new Set(
  (createRequire(import.meta.url)("stopwords-iso") as Record<string, string[]>).en ?? [],
);

export function isCommonWord(token: string): boolean {
  return COMMON_WORDS.has(token);
}

/** The prefix of a canonical entity or place term, e.g. `@hama`, `@hts`. */
export const NAME_PREFIX = "@";

export function isNameTerm(term: string): boolean {
  return term.startsWith(NAME_PREFIX);
}

/** The canonical term of an entity id or place name: `@hts`, `@hama`. */
export function nameTerm(idOrName: string): string {
  return NAME_PREFIX + foldTokens(idOrName).join("-");
}

/** A token's stem; an irregular verb form is stemmed from its base ("led" as "lead", "fell" as "fall"). */
export const stem = (token: string): string =>
  /^\p{N}+$/u.test(token) ? token : stemmer(verbBase(token) ?? token);

interface PhraseNode {
  term?: string;
  next: Map<string, PhraseNode>;
}

/** Options for analysing a question rather than a stored text. */
export interface AnalyzeOptions {
  /** Correct tokens that are neither store words nor English words (questions only). */
  correctSpelling?: boolean;
}

export interface Analysis {
  /** Content terms, in order, without repeats. */
  terms: string[];
  /** The folded tokens after chat-speak expansion and spelling correction, before stemming. */
  tokens: string[];
  /** For each term, the words it was read from (e.g. `popul` ← "population"). */
  surface: Map<string, string>;
  /** Every place a term was read from, as token indexes [from, to), in order (repeats kept). */
  spans: Array<{ term: string; from: number; to: number }>;
  /** Spelling corrections made: [as typed, read as]. */
  corrections: Array<[string, string]>;
  /** Words (as typed) that are neither in the store nor English, and could not be corrected: likely unknown names. */
  strangers: string[];
  /** It closed with a tag asking for agreement ("…, right?", "…, didn't it?"): it asks yes or no. */
  tagged: boolean;
}

/**
 * The analyser for one knowledge store: its phrase lexicon (entity, place and synonym names
 * to canonical terms) and the vocabulary the spell corrector corrects against.
 */
export class TextAnalyzer {
  private readonly phrases: PhraseNode = { next: new Map() };
  private readonly speller: SpellCorrector;

  constructor(store: KnowledgeStore, englishWords: ReadonlySet<string>) {
    for (const place of store.places) {
      const term = nameTerm(place.name);
      for (const name of [place.name, ...place.aliases]) this.addPhrase(name, term);
    }
    for (const entity of store.entities) {
      const term = nameTerm(entity.id);
      for (const name of [entity.name, ...entity.aliases]) this.addPhrase(name, term);
    }
    // The end of a long name said alone ("Tahrir al-Sham" of "Hayat Tahrir al-Sham"), when it is
    // the end of no other name: added last, so a name or alias that reads so wins.
    const endings = new Map<string, string | null>();
    for (const entity of store.entities) {
      const tokens = foldTokens(entity.name);
      const term = nameTerm(entity.id);
      for (let from = 1; from <= tokens.length - 2; from++) {
        const ending = tokens.slice(from).join(" ");
        endings.set(ending, endings.has(ending) && endings.get(ending) !== term ? null : term);
      }
    }
    for (const [ending, term] of endings)
      if (term !== null && !STOP_WORDS.has(ending.split(" ")[0] ?? "")) this.addPhrase(ending, term);
    for (const group of store.synonyms) {
      const head = foldTokens(group[0] ?? "")
        .map(stem)
        .join("_");
      for (const entry of group) this.addPhrase(entry, head);
    }

    // Each store word with how often the store uses it: a typo is likelier of a common word.
    const vocabulary = new Map<string, number>();
    const addWords = (text: string) => {
      for (const token of foldTokens(text))
        if (token.length >= 3 && !/^\p{N}+$/u.test(token))
          vocabulary.set(token, (vocabulary.get(token) ?? 0) + 1);
    };
    for (const fact of store.facts) {
      [fact.headline, ...fact.questions, ...fact.keywords].forEach(addWords);
      fact.citations.forEach((c) => addWords(c.sentence.text));
    }
    for (const place of store.places) [place.name, ...place.aliases].forEach(addWords);
    for (const entity of store.entities) [entity.name, ...entity.aliases].forEach(addWords);
    store.synonyms.flat().forEach(addWords);
    // The article's people's names: other people's names are often only two letters from them.
    const nameWords = new Set(
      store.entities.filter((e) => e.kind === "person").flatMap((e) => foldTokens(e.name)),
    );
    this.speller = new SpellCorrector(vocabulary, englishWords, STOP_WORDS, nameWords);
  }

  /** Adds a phrase (as written by the curator) that reads as `term`. Leading "the" is optional. */
  private addPhrase(phrase: string, term: string): void {
    const tokens = foldTokens(phrase).map(stem);
    const variants = tokens[0] === "the" && tokens.length > 1 ? [tokens, tokens.slice(1)] : [tokens];
    for (const variant of variants) {
      let node = this.phrases;
      for (const token of variant) {
        let child = node.next.get(token);
        if (!child) {
          child = { next: new Map() };
          node.next.set(token, child);
        }
        node = child;
      }
      node.term ??= term;
    }
  }

  /**
   * The phrase a verb at `i` makes with a particle one to three words on ("took the city
   * *back*"), when the lexicon knows the verb-and-particle phrase; null otherwise.
   */
  private splitPhrasalVerb(stems: readonly string[], i: number): { term: string; particle: number } | null {
    const verb = this.phrases.next.get(stems[i] ?? "");
    if (!verb) return null;
    for (let j = i + 2; j <= i + 4 && j < stems.length; j++) {
      const particle = stems[j] ?? "";
      if (!PARTICLES.has(particle)) continue;
      const term = verb.next.get(particle)?.term;
      return term === undefined ? null : { term, particle: j };
    }
    return null;
  }

  /** Analyses a text into content terms. */
  analyze(text: string, options: AnalyzeOptions = {}): Analysis {
    const { tokens: untagged, tagged } = dropTag(expandChatSpeak(foldTokens(text)));
    let tokens = rewritePhrases(untagged);
    const corrections: Array<[string, string]> = [];
    const strangers: string[] = [];
    if (options.correctSpelling) {
      // A name written in two words that the store writes as one ("Abdul Rahman").
      for (let i = 0; i + 1 < tokens.length; i++) {
        const joined = this.speller.joined(tokens[i] ?? "", tokens[i + 1] ?? "");
        if (joined !== null) {
          corrections.push([`${tokens[i]} ${tokens[i + 1]}`, joined]);
          tokens = [...tokens.slice(0, i), joined, ...tokens.slice(i + 2)];
        }
      }
      tokens = tokens.map((token) => {
        const corrected = this.speller.correct(token);
        if (corrected !== token) corrections.push([token, corrected]);
        else if (this.speller.isStranger(token)) strangers.push(token);
        return corrected;
      });
    }
    const stems = tokens.map(stem);
    const terms: string[] = [];
    const surface = new Map<string, string>();
    const spans: Analysis["spans"] = [];
    const push = (term: string, from: number, to: number) => {
      spans.push({ term, from, to });
      if (!surface.has(term)) {
        surface.set(term, tokens.slice(from, to).join(" "));
        terms.push(term);
      }
    };
    /** Particles already read as part of a split phrasal verb ("propped Assad *up*"). */
    const taken = new Set<number>();
    for (let i = 0; i < stems.length;) {
      if (taken.has(i)) {
        i += 1;
        continue;
      }
      // Longest known phrase starting here.
      let node: PhraseNode | undefined = this.phrases;
      let match: { term: string; length: number } | null = null;
      for (let j = i; j < stems.length && node; j++) {
        node = node.next.get(stems[j] ?? "");
        // A lone stop word ("help", "say") is never read as a phrase.
        if (node?.term !== undefined && (j > i || !isStopWord(tokens[i] ?? "")))
          match = { term: node.term, length: j - i + 1 };
      }
      // A phrasal verb split by its object ("took the city back", "pulled its troops out") reads
      // as the phrase, over the verb alone.
      const split = match === null || match.length === 1 ? this.splitPhrasalVerb(stems, i) : null;
      if (split) {
        push(split.term, i, i + 1);
        taken.add(split.particle);
        i += 1;
        continue;
      }
      if (match) {
        push(match.term, i, i + match.length);
        i += match.length;
        continue;
      }
      const token = tokens[i] ?? "";
      if (!isStopWord(token)) push(stems[i] ?? token, i, i + 1);
      i += 1;
    }
    // A stranger that is part of a known phrase (an alias) is no stranger.
    const inPhrase = new Set(
      [...surface.entries()].filter(([t]) => isNameTerm(t)).flatMap(([, words]) => words.split(" ")),
    );
    return {
      terms,
      tokens,
      surface,
      spans,
      corrections,
      strangers: strangers.filter((w) => !inPhrase.has(w)),
      tagged,
    };
  }
}
