/**
 * The words of English the engine reads questions with (language/english.yaml): chat-speak,
 * filler words and help requests. Data, not code; no word of any one report is here.
 * Tables keyed by user text are Maps and Sets, never plain objects, so a member typing
 * "constructor" or "__proto__" meets nothing of Object.prototype.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { projectPath } from "../project/projectRoot.ts";

const word = z.string().trim().min(1);
const englishSchema = z.strictObject({
  chatSpeak: z.record(z.string(), word),
  fillerWords: z.array(word),
  meaningfulStopWords: z.array(word),
  helpRequests: z.array(word),
  referringStarts: z.array(word),
  personPronouns: z.array(word),
  auxiliaries: z.array(word),
  yesNoFrames: z.array(word),
  tagWords: z.array(word),
  orTags: z.array(word),
  tagPronouns: z.array(word),
  timeOfDay: z.strictObject({ asks: z.array(word), words: z.array(word) }),
  placeReferences: z.array(word),
  hypotheticalWords: z.array(word),
  determiners: z.array(word),
  ordinals: z.array(word),
  timeWords: z.strictObject({ before: z.array(word), after: z.array(word), present: z.array(word) }),
  futureMarkers: z.array(word),
  periodWords: z.array(word),
  exactnessWords: z.array(word),
  cardinalWords: z.array(word),
  vagueFocusWords: z.array(word),
  kindWords: z.record(z.string(), z.array(word)),
  placeCues: z.strictObject({
    before: z.array(z.string()),
    after: z.array(z.string()),
    heads: z.array(z.string()),
    prepositions: z.array(word),
    cities: z.array(word),
  }),
});

/** How a report marks a name as a place (language/english.yaml, placeCues). */
export interface PlaceCues {
  /** Words just before a place's name ("the town of", "the capital,"). */
  before: readonly string[];
  /** Words just after it, perhaps past one more word ("district", "military *prison*"). */
  after: readonly string[];
  /** A place name's own last word ("Heights", "Square"). */
  heads: readonly string[];
  /** Prepositions before a one-word place name ("in", "near"). */
  prepositions: readonly string[];
  /** Words of a cue that mark a city rather than another place ("the *town* of", "*port* of"). */
  cities: readonly string[];
}

export interface EnglishLanguage {
  /** Folded chat spellings and the words they stand for ("whos" → "who is"). */
  chatSpeak: ReadonlyMap<string, string>;
  /** Words that carry no meaning of their own in a question put to the bot. */
  fillerWords: readonly string[];
  /** Words of the stop-word list that carry meaning here (forms of verbs whose other forms are not on it). */
  meaningfulStopWords: ReadonlySet<string>;
  /** Whole messages that ask what the bot can do rather than ask about a report. */
  helpRequests: ReadonlySet<string>;
  /** How a sentence starts when it goes on about what the one before it named ("It is…", "The city's…"). */
  referringStarts: readonly string[];
  /** Pronouns that stand for a person named before them ("he", "his"). */
  personPronouns: ReadonlySet<string>;
  /** Auxiliaries that open a yes/no question ("did…", "is…"). */
  auxiliaries: ReadonlySet<string>;
  /** Opening words that make a statement a yes/no question ("true or false: …"), longest first, as words. */
  yesNoFrames: ReadonlyArray<readonly string[]>;
  /** Last words that only ask for agreement ("…, right?"). */
  tagWords: ReadonlySet<string>;
  /** What a closing "or …" offers when it only asks for agreement ("…or nah"). */
  orTags: ReadonlySet<string>;
  /** Pronouns of a tag question's "…, didn't *it*?". */
  tagPronouns: ReadonlySet<string>;
  /** Phrases that ask the time of day, and the words a sentence says one with. */
  timeOfDay: { asks: readonly string[]; words: ReadonlySet<string> };
  /** Words before an ordinal that make it rank a thing ("*the* fourth largest"). */
  determiners: ReadonlySet<string>;
  /** Ordinal words ("first", "fourth", "last"). */
  ordinals: ReadonlySet<string>;
  /** Words that put a name before or after in time, and words that ask about now ("still", "today"). */
  timeWords: { before: ReadonlySet<string>; after: ReadonlySet<string>; present: ReadonlySet<string> };
  /** Words and phrases that make a question ask what will happen ("will", "going to"). */
  futureMarkers: readonly string[];
  /** Words for a stretch of time ("day", "hours"): "the last day" says when. */
  periodWords: ReadonlySet<string>;
  /** Words that ask for an exact figure or date ("exactly"). */
  exactnessWords: ReadonlySet<string>;
  /** Focus words that do not say what is asked, or only the kind of answer ("thing", "year"). */
  vagueFocusWords: ReadonlySet<string>;
  /** Words naming a kind of thing, by kind ("city": city, cities, town…). */
  kindWords: Readonly<Record<string, readonly string[]>>;
  /** How a report marks a name as a place: words before and after it, its last word, a preposition. */
  placeCues: PlaceCues;
  /** Number words that give a figure ("two", "hundred"). */
  cardinalWords: ReadonlySet<string>;
  /** Words that make a question ask what may happen rather than what did ("will", "next"). */
  hypotheticalWords: ReadonlySet<string>;
  /** Words that, in a sentence naming no place, stand for the place named last ("the city"). */
  placeReferences: readonly string[];
  /** Groups of words that mean the same for finding an answer (language/synonyms.yaml); the first is the head. */
  synonyms: readonly string[][];
  /** Other names of well-known places, countries and bodies (language/names.yaml), every section. */
  worldNames: readonly string[][];
  /** The countries' groups of names (names.yaml `countries`): a report set in one speaks of it throughout. */
  countryNames: readonly string[][];
  /** The cities', provinces' and regions' groups of names (names.yaml `places`). */
  placeNames: readonly string[][];
}

export const LANGUAGE_DIR = projectPath("language");

let cached: EnglishLanguage | null = null;

/** Reads language/english.yaml once; a malformed file throws naming the file and the entry. */
export function englishLanguage(): EnglishLanguage {
  if (cached) return cached;
  const file = path.join(LANGUAGE_DIR, "english.yaml");
  const parsed = englishSchema.safeParse(YAML.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${path.relative(process.cwd(), file)}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "is invalid"}`,
    );
  }
  const synonymFile = path.join(LANGUAGE_DIR, "synonyms.yaml");
  const groups = z.array(z.array(word).min(2)).safeParse(YAML.parse(readFileSync(synonymFile, "utf8")));
  if (!groups.success) {
    const issue = groups.error.issues[0];
    throw new Error(
      `${path.relative(process.cwd(), synonymFile)}: group ${Number(issue?.path[0] ?? 0) + 1}: ${issue?.message ?? "is invalid"}`,
    );
  }
  const namesFile = path.join(LANGUAGE_DIR, "names.yaml");
  const nameGroups = z.array(z.array(word).min(1)).default([]);
  const worldNames = z
    .strictObject({ countries: nameGroups, places: nameGroups, bodies: nameGroups })
    .safeParse(YAML.parse(readFileSync(namesFile, "utf8")));
  if (!worldNames.success)
    throw new Error(
      `${path.relative(process.cwd(), namesFile)}: ${worldNames.error.issues[0]?.path.join(".") ?? ""} ${worldNames.error.issues[0]?.message ?? "is invalid"}`,
    );
  cached = {
    worldNames: [...worldNames.data.countries, ...worldNames.data.places, ...worldNames.data.bodies],
    countryNames: worldNames.data.countries,
    placeNames: worldNames.data.places,
    synonyms: groups.data.map((g) => g.map(String)),
    chatSpeak: new Map(Object.entries(parsed.data.chatSpeak)),
    fillerWords: parsed.data.fillerWords,
    meaningfulStopWords: new Set(parsed.data.meaningfulStopWords),
    helpRequests: new Set(parsed.data.helpRequests),
    referringStarts: parsed.data.referringStarts,
    personPronouns: new Set(parsed.data.personPronouns),
    auxiliaries: new Set(parsed.data.auxiliaries),
    yesNoFrames: parsed.data.yesNoFrames
      .map((frame) => frame.split(/\s+/))
      .sort((a, b) => b.length - a.length),
    tagWords: new Set(parsed.data.tagWords),
    orTags: new Set(parsed.data.orTags),
    tagPronouns: new Set(parsed.data.tagPronouns),
    timeOfDay: { asks: parsed.data.timeOfDay.asks, words: new Set(parsed.data.timeOfDay.words) },
    placeReferences: parsed.data.placeReferences,
    hypotheticalWords: new Set(parsed.data.hypotheticalWords),
    determiners: new Set(parsed.data.determiners),
    ordinals: new Set(parsed.data.ordinals),
    timeWords: {
      before: new Set(parsed.data.timeWords.before),
      after: new Set(parsed.data.timeWords.after),
      present: new Set(parsed.data.timeWords.present),
    },
    futureMarkers: parsed.data.futureMarkers,
    periodWords: new Set(parsed.data.periodWords),
    exactnessWords: new Set(parsed.data.exactnessWords),
    cardinalWords: new Set(parsed.data.cardinalWords),
    vagueFocusWords: new Set(parsed.data.vagueFocusWords),
    kindWords: parsed.data.kindWords,
    placeCues: parsed.data.placeCues,
  };
  return cached;
}
