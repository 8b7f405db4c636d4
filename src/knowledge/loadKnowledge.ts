/**
 * Loads and validates the knowledge store (knowledge/*.yaml and the articles they name).
 * Any problem stops the load with one KnowledgeError naming the file, the entry and the
 * problem, e.g. `knowledge/facts.yaml: fact "homs-next-target" (entry 21): cites[0].quote is
 * not in sentence hama-2024-12-05#12`.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { projectPath } from "../project/projectRoot.ts";
import type { z } from "zod";
import { parseArticle, type ArticleCaption, type ArticleSentence } from "./parseArticle.ts";
import { actionVocabulary } from "../language/actionVocabulary.ts";
import { englishLanguage } from "../language/englishLanguage.ts";
import { englishWords } from "../language/englishWords.ts";
import { readNames } from "../language/readNames.ts";
import { answerTypesOf, headlineOf } from "../language/sentenceShape.ts";
import {
  entitySchema,
  sentenceClaimsSchema,
  factSchema,
  placeSchema,
  sourceSchema,
  synonymGroupSchema,
  timelineSchema,
  type AnswerType,
  type Coordinates,
  type EntityEntry,
  type PlaceEntry,
} from "./knowledgeSchema.ts";

export type { AnswerType, Coordinates } from "./knowledgeSchema.ts";

export interface Source {
  id: string;
  file: string;
  publisher: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  title: string;
  url: string | null;
  sentences: ArticleSentence[];
  captions: ArticleCaption[];
  paragraphCount: number;
}

export interface Citation {
  source: Source;
  sentence: ArticleSentence;
  /** The curator's excerpt of the sentence; verified verbatim at load. */
  quote: string;
}

export interface Fact {
  id: string;
  headline: string;
  answers: AnswerType[];
  questions: string[];
  keywords: string[];
  /** Entity ids and place names the answer names. */
  answerNames: string[];
  citations: Citation[];
  /** Written by a curator (facts.yaml), or made from one sentence no curated fact cites. */
  curated: boolean;
}

/** A claim a sentence makes (knowledge/claims.yaml): an action with its roles. */
export interface Claim {
  sentence: ArticleSentence;
  source: Source;
  action: string;
  agent: string[];
  object: string[];
  place: string[];
  /** Sort key: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH; null when the sentence gives none. */
  when: string | null;
  why: string | null;
  saidBy: string | null;
  negated: boolean;
  hypothetical: boolean;
}

export interface Place {
  name: string;
  /** A city or province (places.yaml), or another place a report names ("the Golan Heights": read only). */
  kind: PlaceEntry["kind"] | "place";
  aliases: string[];
  facts: Fact[];
  /** Read from a report's text rather than listed in places.yaml. */
  read: boolean;
  /** Where it is (places.yaml's `coordinates`); null when not given: the place gets no map. */
  coordinates: Coordinates | null;
}

export interface Entity {
  id: string;
  name: string;
  /** "unknown" for a name read from a report no curator has described. */
  kind: EntityEntry["kind"] | "unknown";
  aliases: string[];
  /** Words by which the article refers to it without naming it. */
  mentionedAs: string[];
  /** The fact that says who or what it is; null when the article does not say. */
  about: Fact | null;
}

export interface TimelineEvent {
  /** When, as shown ("March 2011"). */
  when: string;
  event: string;
  citations: Citation[];
}

export interface KnowledgeStore {
  /** The folder the store was loaded from. */
  dir: string;
  sources: Source[];
  facts: Fact[];
  factById: ReadonlyMap<string, Fact>;
  places: Place[];
  entities: Entity[];
  /** Synonym groups; the first entry of each is its head. */
  synonyms: string[][];
  /** The article's events in the order they happened. */
  timeline: TimelineEvent[];
  /** Curated claims by sentence id; a sentence absent here has its claims read by the NLP. */
  claims: ReadonlyMap<string, readonly Claim[]>;
}

/** The largest knowledge file read (the shipped ones are a few tens of kilobytes). */
const MAX_KNOWLEDGE_FILE_BYTES = 10_000_000;
/** How many alias expansions a YAML file may make (a "billion laughs" file makes millions). */
const MAX_YAML_ALIASES = 1_000;

/** A problem in the knowledge store, named by file and entry. */
export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string | null,
    readonly problem: string,
  ) {
    super(`${file}: ${entry === null ? "" : `${entry}: `}${problem}`);
    this.name = "KnowledgeError";
  }
}

/** The knowledge folder shipped with factdesk. */
export const DEFAULT_KNOWLEDGE_DIR = projectPath("knowledge");

export const KNOWLEDGE_FILES = {
  sources: "sources.yaml",
  facts: "facts.yaml",
  places: "places.yaml",
  entities: "entities.yaml",
  synonyms: "synonyms.yaml",
  timeline: "timeline.yaml",
  claims: "claims.yaml",
} as const;

/** Reads, parses and validates every knowledge file; throws KnowledgeError on the first problem. */
export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeStore {
  const display = (file: string) => {
    const relative = path.relative(process.cwd(), path.join(dir, file));
    return relative.startsWith("..") ? path.join(dir, file) : relative;
  };

  const readText = (file: string): string => {
    try {
      const size = statSync(path.join(dir, file)).size;
      if (size > MAX_KNOWLEDGE_FILE_BYTES)
        throw new KnowledgeError(
          display(file),
          null,
          `is ${Math.round(size / 1e6)} MB; a knowledge file may be at most ${MAX_KNOWLEDGE_FILE_BYTES / 1e6} MB`,
        );
      return readFileSync(path.join(dir, file), "utf8");
    } catch (error) {
      if (error instanceof KnowledgeError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new KnowledgeError(
        display(file),
        null,
        code === "ENOENT" ? "file is missing" : `cannot be read (${code})`,
      );
    }
  };

  const readEntries = <S extends z.ZodType>(
    file: string,
    schema: S,
    describe: (raw: unknown, index: number) => string,
    { optional = true }: { optional?: boolean } = {},
  ): z.output<S>[] => {
    // Only sources.yaml is required: a store of bare reports answers from their sentences.
    if (optional && !existsSync(path.join(dir, file))) return [];
    const document = YAML.parseDocument(readText(file));
    const yamlError = document.errors[0];
    if (yamlError) {
      const line = yamlError.linePos?.[0].line;
      throw new KnowledgeError(
        display(file),
        line === undefined ? null : `line ${line}`,
        `is not valid YAML (${yamlError.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "")})`,
      );
    }
    let raw: unknown;
    try {
      // Aliases are expanded here; the library stops a file whose aliases would multiply past its limit.
      raw = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      throw new KnowledgeError(
        display(file),
        null,
        `is not valid YAML (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
      );
    }
    if (!Array.isArray(raw)) throw new KnowledgeError(display(file), null, "must be a YAML list of entries");
    return raw.map((item: unknown, index) => {
      const parsed = schema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join(".")} ` : "";
        throw new KnowledgeError(
          display(file),
          describe(item, index),
          `${where}${issue?.message ?? "is invalid"}`,
        );
      }
      return parsed.data;
    });
  };

  const named = (kind: string, key: "id" | "name") => (raw: unknown, index: number) => {
    const value = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
    return typeof value === "string"
      ? `${kind} "${value}" (entry ${index + 1})`
      : `${kind} entry ${index + 1}`;
  };

  const requireUnique = (file: string, values: Array<[string, string]>, what: string) => {
    const seen = new Map<string, string>();
    for (const [value, entry] of values) {
      const key = value.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined)
        throw new KnowledgeError(display(file), entry, `${what} "${value}" is already used by ${first}`);
      seen.set(key, entry);
    }
  };

  // Sources and their articles.
  const sourceEntries = readEntries(KNOWLEDGE_FILES.sources, sourceSchema, named("source", "id"), {
    optional: false,
  });
  requireUnique(
    KNOWLEDGE_FILES.sources,
    sourceEntries.map((s, i) => [s.id, named("source", "id")(s, i)]),
    "id",
  );
  const sources: Source[] = sourceEntries.map((entry, index) => {
    const article = parseArticle(entry.id, readText(entry.file));
    if (article.sentences.length === 0)
      throw new KnowledgeError(display(entry.file), null, "has no article sentences");
    if (article.dateMarker !== null && article.dateMarker !== entry.date)
      throw new KnowledgeError(
        display(KNOWLEDGE_FILES.sources),
        named("source", "id")(entry, index),
        `date ${entry.date} differs from the article's date marker ${article.dateMarker}`,
      );
    return {
      id: entry.id,
      file: entry.file,
      publisher: entry.publisher,
      date: entry.date,
      title: entry.title,
      url: entry.url ?? null,
      sentences: article.sentences,
      captions: article.captions,
      paragraphCount: article.paragraphCount,
    };
  });
  const sourceById = new Map(sources.map((s) => [s.id, s]));

  const resolveCitations = (
    file: string,
    entry: string,
    cites: ReadonlyArray<{ sentence: string; quote: string }>,
  ): Citation[] =>
    cites.map((cite, c): Citation => {
      const fail = (problem: string) => new KnowledgeError(display(file), entry, `cites[${c}]: ${problem}`);
      const [sourceId = "", number = ""] = cite.sentence.split("#");
      const source = sourceById.get(sourceId);
      if (!source) throw fail(`source "${sourceId}" is not in ${KNOWLEDGE_FILES.sources}`);
      const sentence = source.sentences[Number(number) - 1];
      if (!sentence)
        throw fail(`${cite.sentence} does not resolve: ${sourceId} has ${source.sentences.length} sentences`);
      if (!sentence.text.includes(cite.quote))
        throw fail(`quote "${cite.quote}" is not verbatim in sentence ${cite.sentence}: "${sentence.text}"`);
      return { source, sentence, quote: cite.quote };
    });

  // Facts and their citations.
  const factEntries = readEntries(KNOWLEDGE_FILES.facts, factSchema, named("fact", "id"));
  requireUnique(
    KNOWLEDGE_FILES.facts,
    factEntries.map((f, i) => [f.id, named("fact", "id")(f, i)]),
    "id",
  );
  const facts: Fact[] = factEntries.map((entry, index) => {
    const citations = resolveCitations(KNOWLEDGE_FILES.facts, named("fact", "id")(entry, index), entry.cites);
    return {
      id: entry.id,
      headline: entry.headline,
      answers: entry.answers,
      questions: entry.questions,
      keywords: entry.keywords,
      answerNames: entry.answerNames,
      citations,
      curated: true,
    };
  });
  // Every sentence no curated fact cites answers as a fact of its own: a report added today is
  // answered from before anyone curates it.
  const cited = new Set(facts.flatMap((f) => f.citations.map((c) => c.sentence.id)));
  const taken = new Set(facts.map((f) => f.id));
  for (const source of sources)
    for (const sentence of source.sentences) {
      if (cited.has(sentence.id)) continue;
      const id = `${source.id}-s${sentence.number}`;
      if (taken.has(id)) continue;
      facts.push({
        id,
        headline: headlineOf(sentence.text),
        answers: answerTypesOf(sentence.text),
        questions: [],
        keywords: [],
        answerNames: [],
        citations: [{ source, sentence, quote: sentence.text }],
        curated: false,
      });
    }
  const factById = new Map(facts.map((f) => [f.id, f]));
  const resolveFact = (file: string, entry: string, factId: string, field: string): Fact => {
    const fact = factById.get(factId);
    if (!fact) throw new KnowledgeError(display(file), entry, `${field} names unknown fact "${factId}"`);
    return fact;
  };

  // Places.
  const placeEntries = readEntries(KNOWLEDGE_FILES.places, placeSchema, named("place", "name"));
  requireUnique(
    KNOWLEDGE_FILES.places,
    placeEntries.flatMap((p, i) =>
      [p.name, ...p.aliases].map((n): [string, string] => [n, named("place", "name")(p, i)]),
    ),
    "name or alias",
  );
  const places: Place[] = placeEntries.map((entry, index) => ({
    name: entry.name,
    kind: entry.kind,
    read: false,
    aliases: entry.aliases,
    coordinates: entry.coordinates ?? null,
    facts: entry.facts.map((id, f) =>
      resolveFact(KNOWLEDGE_FILES.places, named("place", "name")(entry, index), id, `facts[${f}]`),
    ),
  }));

  // Entities.
  const entityEntries = readEntries(KNOWLEDGE_FILES.entities, entitySchema, named("entity", "id"));
  requireUnique(
    KNOWLEDGE_FILES.entities,
    entityEntries.map((e, i) => [e.id, named("entity", "id")(e, i)]),
    "id",
  );
  requireUnique(
    KNOWLEDGE_FILES.entities,
    entityEntries.flatMap((e, i) =>
      [e.name, ...e.aliases].map((n): [string, string] => [n, named("entity", "id")(e, i)]),
    ),
    "name or alias",
  );
  const entities: Entity[] = entityEntries.map((entry, index) => ({
    id: entry.id,
    name: entry.name,
    kind: entry.kind,
    aliases: entry.aliases,
    mentionedAs: entry.mentionedAs,
    about:
      entry.about === undefined
        ? null
        : resolveFact(KNOWLEDGE_FILES.entities, named("entity", "id")(entry, index), entry.about, "about"),
  }));

  // The names of reports no curated fact cites, read from their text, where no curated entity
  // or place already has that name: a report added today is understood by its names too.
  const uncurated = sources.filter((source) => !facts.some((f) => f.curated && f.citations.some((c) => c.source === source)));
  if (uncurated.length > 0) {
    const known = new Set(
      [...entities.flatMap((e) => [e.name, ...e.aliases]), ...places.flatMap((p) => [p.name, ...p.aliases])].map((n) =>
        n.toLowerCase(),
      ),
    );
    const words = englishWords();
    const texts = uncurated.flatMap((s) => [...s.sentences.map((x) => x.text), ...s.captions.map((c) => c.text)]);
    // Each sentence lower-cased once (a dateline's "BEIRUT" is the Beirut read from it), and the
    // facts by the words of their sentences, so a name is looked for only where its first word is.
    const lowered = new Map<ArticleSentence, string>();
    const lowerText = (sentence: ArticleSentence) => {
      let text = lowered.get(sentence);
      if (text === undefined) lowered.set(sentence, (text = sentence.text.toLowerCase()));
      return text;
    };
    const factsByWord = new Map<string, Fact[]>();
    for (const fact of facts)
      for (const word of new Set(fact.citations.flatMap((c) => lowerText(c.sentence).split(/[^\p{L}\p{N}]+/u))))
        {
          const list = factsByWord.get(word);
          if (list) list.push(fact);
          else factsByWord.set(word, [fact]);
        }
    const language = englishLanguage();
    const inGroups = (groups: readonly (readonly string[])[], name: string) =>
      groups.some((g) => g.some((n) => n.toLowerCase() === name.toLowerCase()));
    const worldKind = (name: string): Entity["kind"] =>
      inGroups(language.countryNames, name)
        ? "country"
        : inGroups(language.worldNames, name) && !inGroups(language.placeNames, name)
          ? "organisation"
          : "unknown";
    for (const read of readNames(texts, (w) => words.has(w), language.worldNames)) {
      const names = [read.name, ...read.aliases].filter((n) => !known.has(n.toLowerCase()));
      const [name, ...aliases] = names;
      if (name !== read.name || name === undefined) continue;
      names.forEach((n) => known.add(n.toLowerCase()));
      const lower = name.toLowerCase();
      const firstWord = lower.split(/[^\p{L}\p{N}]+/u).find((w) => w !== "") ?? lower;
      const mentioning = (factsByWord.get(firstWord) ?? []).filter((f) =>
        f.citations.some((c) => lowerText(c.sentence).includes(lower)),
      );
      if (read.kind !== null && mentioning.length > 0)
        places.push({
          name,
          kind: read.kind,
          aliases,
          facts: mentioning.slice(0, 8),
          read: true,
          coordinates: null,
        });
      else
        entities.push({
          id: readId(name),
          name,
          // A country or a body of language/names.yaml is known for one ("which *country*…").
          kind: worldKind(read.name),
          aliases,
          mentionedAs: [],
          // Who or what it is: the sentence that first names it.
          about: mentioning[0] ?? null,
        });
    }
  }

  // Facts' answer names must name a known entity or place.
  const knownNames = new Set([...entities.map((e) => e.id), ...places.map((p) => p.name.toLowerCase())]);
  facts.forEach((fact, index) => {
    const unknown = fact.answerNames.find((n) => !knownNames.has(n));
    if (unknown !== undefined)
      throw new KnowledgeError(
        display(KNOWLEDGE_FILES.facts),
        named("fact", "id")(fact, index),
        `answerNames: "${unknown}" is neither an entity id in ${KNOWLEDGE_FILES.entities} nor a place in ${KNOWLEDGE_FILES.places}`,
      );
  });

  // Synonym groups: an entry may belong to one group only.
  // The store's own groups, then the English ones every store shares.
  const storeSynonyms = readEntries(
    KNOWLEDGE_FILES.synonyms,
    synonymGroupSchema,
    (_raw, index) => `group ${index + 1}`,
  );
  const english = englishLanguage().synonyms;
  requireUnique(
    KNOWLEDGE_FILES.synonyms,
    [
      ...english.flatMap((group) =>
        group.map((word): [string, string] => [word, `language/synonyms.yaml ("${group[0]}")`]),
      ),
      ...storeSynonyms.flatMap((group, i) =>
        group.map((word): [string, string] => [word, `group ${i + 1} ("${group[0]}")`]),
      ),
    ],
    "entry",
  );
  const synonyms = [...storeSynonyms, ...english];

  // Timeline, ordered by its sort keys.
  const timelineEntries = readEntries(KNOWLEDGE_FILES.timeline, timelineSchema, (raw, index) => {
    const when = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>).when : undefined;
    return `event ${typeof when === "string" || typeof when === "number" ? `"${when}" ` : ""}(entry ${index + 1})`;
  })
    .map((entry, index) => ({
      sort: entry.sort,
      when: entry.when,
      event: entry.event,
      citations: resolveCitations(
        KNOWLEDGE_FILES.timeline,
        `event "${entry.when}" (entry ${index + 1})`,
        entry.cites,
      ),
    }));
  const timeline: TimelineEvent[] = timelineEntries
    .concat(
      // A report no timeline entry cites adds its own day: its date and its first sentence.
      sources
        .filter((source) => !timelineEntries.some((e) => e.citations.some((c) => c.source === source)))
        .flatMap((source) => {
          const first = source.sentences[0];
          return first
            ? [
                {
                  sort: source.date,
                  when: new Date(`${source.date}T00:00:00Z`).toLocaleDateString("en-GB", {
                    day: "numeric",
                    month: "long",
                    year: "numeric",
                    timeZone: "UTC",
                  }),
                  event: headlineOf(first.text, 200),
                  citations: [{ source, sentence: first, quote: first.text }],
                },
              ]
            : [];
        }),
    )
    .sort((a, b) => a.sort.localeCompare(b.sort))
    .map(({ when, event, citations }) => ({ when, event, citations }));

  // Claims, by sentence; each names an action of the language's vocabulary.
  const vocabulary = actionVocabulary();
  const claims = new Map<string, Claim[]>();
  readEntries(KNOWLEDGE_FILES.claims, sentenceClaimsSchema, (raw, index) => {
    const sentence = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>).sentence : undefined;
    return `sentence ${typeof sentence === "string" ? `"${sentence}" ` : ""}(entry ${index + 1})`;
  }).forEach((entry, index) => {
    const where = `sentence "${entry.sentence}" (entry ${index + 1})`;
    const [citation] = resolveCitations(KNOWLEDGE_FILES.claims, where, [{ sentence: entry.sentence, quote: "" }]);
    if (!citation) return;
    if (claims.has(citation.sentence.id))
      throw new KnowledgeError(display(KNOWLEDGE_FILES.claims), where, "is listed twice");
    claims.set(
      citation.sentence.id,
      entry.claims.map((claim, c) => {
        if (!vocabulary.isKnown(claim.action))
          throw new KnowledgeError(
            display(KNOWLEDGE_FILES.claims),
            where,
            `claims[${c}].action "${claim.action}" is not an action of language/actions.yaml`,
          );
        return {
          sentence: citation.sentence,
          source: citation.source,
          action: claim.action,
          agent: claim.agent,
          object: claim.object,
          place: claim.place,
          when: claim.when ?? null,
          why: claim.why ?? null,
          saidBy: claim.saidBy ?? null,
          negated: claim.negated,
          hypothetical: claim.hypothetical,
        };
      }),
    );
  });

  // Frozen: nothing a user sends, and no code path, can change what the bot knows.
  return deepFreeze({ dir, sources, facts, factById, places, entities, synonyms, timeline, claims });
}

/** A kebab-case id for a name read from a report ("Syrian National Army" → syrian-national-army). */
function readId(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "name"
  );
}

/** Freezes an object graph (plain objects and arrays; Maps stay as they are but hold frozen values). */
function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v, seen);
    return value;
  }
  for (const v of Object.values(value)) deepFreeze(v, seen);
  return Object.freeze(value);
}
