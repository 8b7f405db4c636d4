/**
 * Resolves a place by name, alias, other spelling or misspelling ("Hamah", "Ḥalab",
 * "Lattakia", "Alepo"), or says it is not in the article and lists the places it knows.
 */
import { englishLanguage } from "../language/englishLanguage.ts";
import { englishWords } from "../language/englishWords.ts";
import { escapeRegExp } from "../language/phrasePattern.ts";
import { distance } from "fastest-levenshtein";
import Fuse from "fuse.js";
import type { Citation, KnowledgeStore, Place } from "../knowledge/loadKnowledge.ts";
import { undouble } from "./spellCorrect.ts";
import { foldTokens } from "./textAnalysis.ts";

export interface PlaceFound {
  kind: "found";
  query: string;
  place: Place;
  /**
   * What each report says about the place, the newest report first: a report its facts cite
   * gives those facts' sentences, most telling first; a report they do not cite (one added
   * since, uncurated) gives its sentences that name the place, in order. No sentence twice.
   */
  citations: Citation[];
}

export interface PlaceNotFound {
  kind: "not_found";
  query: string;
  /** The places the article covers, in the store's order. */
  suggestions: Place[];
}

export type PlaceLookup = PlaceFound | PlaceNotFound;

/**
 * Words that qualify a place name without naming it: "Homs city", "the province of Hama". The
 * other names of well-known places (language/names.yaml) that name none of the store's places —
 * countries, mostly — qualify too: "Aleppo, Syria".
 */
const QUALIFIERS = new Set(["city", "town", "province", "governorate", "of", "the", "in", "al"]);

/** The fewest letters of a name's start that pick it out ("hal" → Aleppo, "hom" → Homs). */
const MIN_PREFIX = 3;

/** The most sentences a report no fact of the place cites gives it, in the report's order. */
const MAX_NAMING_SENTENCES = 6;

/** How far a misspelling may be from a known name (fuse.js score). */
const MAX_SCORE = 0.3;

/**
 * The most edits a misspelt name may need, by its length. A four-letter name has no room for
 * any other slip than a doubled letter or a neighbouring key ("Homz"): "Hamm", a German city, is
 * one letter from "Hama" too.
 */
const maxEdits = (length: number): number => (length <= 4 ? 0 : length <= 7 ? 1 : length <= 11 ? 2 : 3);

/** QWERTY rows: a key's neighbours are beside it in its row, or in the row above or below. */
const KEY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const keyPosition = new Map(KEY_ROWS.flatMap((row, r) => [...row].map((key, c) => [key, { r, c }] as const)));
const neighbouringKeys = (a: string, b: string): boolean => {
  const p = keyPosition.get(a);
  const q = keyPosition.get(b);
  return p !== undefined && q !== undefined && Math.abs(p.r - q.r) <= 1 && Math.abs(p.c - q.c) <= 1;
};

/** Whether `typed` is `name` with one letter replaced by a neighbouring key ("homz" for "homs"). */
function isKeySlip(typed: string, name: string): boolean {
  if (typed.length !== name.length) return false;
  const differ = [...typed].flatMap((ch, i) => (ch === name[i] ? [] : [[ch, name[i] ?? ""] as const]));
  return differ.length === 1 && neighbouringKeys(differ[0]?.[0] ?? "", differ[0]?.[1] ?? "");
}

export class PlaceDirectory {
  private readonly byName = new Map<string, Place>();
  private readonly citations = new Map<Place, Citation[]>();
  private readonly fuse: Fuse<{ name: string; place: Place }>;

  private readonly qualifiers: ReadonlySet<string>;
  /** English words and chat spellings ("whats"), the words around a place named in a phrase. */
  private readonly isPlainWord: (word: string) => boolean;

  constructor(private readonly store: KnowledgeStore) {
    const placeNames = new Set(
      store.places.flatMap((p) => [p.name, ...p.aliases]).map((n) => foldTokens(n).join(" ")),
    );
    const placeWords = new Set([...placeNames].flatMap((name) => name.split(" ")));
    this.qualifiers = new Set([
      ...QUALIFIERS,
      ...englishLanguage()
        .worldNames.filter((group) => !group.some((n) => placeNames.has(foldTokens(n).join(" "))))
        .flatMap((group) => group.flatMap((n) => foldTokens(n)))
        .filter((t) => !placeWords.has(t)),
    ]);
    const english = englishWords();
    const chatSpeak = englishLanguage().chatSpeak;
    this.isPlainWord = (word) => english.has(word) || chatSpeak.has(word);
    const names: Array<{ name: string; place: Place }> = [];
    for (const place of store.places) {
      for (const name of [place.name, ...place.aliases]) {
        const folded = this.foldName(name);
        if (folded === "" || this.byName.has(folded)) continue;
        this.byName.set(folded, place);
        names.push({ name: folded, place });
      }
    }
    this.fuse = new Fuse(names, {
      keys: ["name"],
      includeScore: true,
      threshold: MAX_SCORE,
      ignoreLocation: true,
    });
  }

  private foldName(name: string): string {
    return foldTokens(name)
      .filter((t) => !this.qualifiers.has(t))
      .join(" ");
  }

  /** Finds the place a name refers to. Never throws on input. */
  lookup(query: string): PlaceLookup {
    const place = this.resolve(query);
    if (!place) return { kind: "not_found", query, suggestions: [...this.store.places] };
    // The store does not change: what each report says of a place is read once.
    let citations = this.citations.get(place);
    if (citations === undefined) this.citations.set(place, (citations = placeCitations(place, this.store)));
    return { kind: "found", query, place, citations: [...citations] };
  }

  /** Up to `limit` place names for a partly typed name (autocomplete), best first. */
  complete(partial: string, limit = 25): Place[] {
    const folded = this.foldName(partial);
    if (folded === "") return this.store.places.slice(0, limit);
    const starts = this.store.places.filter((p) =>
      [p.name, ...p.aliases].some((n) => this.foldName(n).startsWith(folded)),
    );
    const fuzzy = this.fuse.search(folded).map((r) => r.item.place);
    return [...new Set([...starts, ...fuzzy])].slice(0, limit);
  }

  private resolve(query: string): Place | null {
    const folded = this.foldName(query.slice(0, 200));
    if (folded === "") return null;
    return this.resolveName(folded) ?? this.resolveWithin(folded);
  }

  /**
   * A place named within a longer look-up ("tell me about Hamah", "what's going on in Homs?"):
   * a run of its words that is a place's name exactly, the rest plain English words. Not two
   * places ("Hama Homs"), not a name beside words that are none ("Hama xxxx"), and only exact
   * names: a misspelling is looked for in the whole query alone, so a sentence's ordinary words
   * never pass for a misspelt place.
   */
  private resolveWithin(folded: string): Place | null {
    const words = folded.split(" ");
    for (let length = words.length - 1; length >= 1; length--) {
      const found = new Map<Place, number>();
      for (let start = 0; start + length <= words.length; start++) {
        const place = this.byName.get(words.slice(start, start + length).join(" "));
        if (place && !found.has(place)) found.set(place, start);
      }
      if (found.size > 1) return null;
      const [[place, start] = []] = found;
      if (place === undefined || start === undefined) continue;
      const rest = [...words.slice(0, start), ...words.slice(start + length)];
      return rest.every(this.isPlainWord) ? place : null;
    }
    return null;
  }

  private resolveName(folded: string): Place | null {
    const exact = this.byName.get(folded);
    if (exact) return exact;
    // The start of a name, as typed into /city before autocomplete finishes it ("hal" → Halab).
    if (folded.length >= MIN_PREFIX) {
      const starting = new Set(
        [...this.byName].filter(([name]) => name.startsWith(folded)).map(([, p]) => p),
      );
      const [only] = starting;
      if (starting.size === 1 && only) return only;
    }
    // fuse.js proposes; edit distance confirms, tighter for short names: "Hamm" (a German city)
    // is one letter from "Hama", but a four-letter name has little room for a typo.
    const undoubled = undouble(folded);
    const best = this.fuse
      .search(folded, { limit: 5 })
      .find(
        (r) =>
          (r.score ?? 1) <= MAX_SCORE &&
          (undouble(r.item.name) === undoubled ||
            distance(folded, r.item.name) <= maxEdits(folded.length) ||
            isKeySlip(folded, r.item.name)),
      );
    return best ? best.item.place : null;
  }
}

/**
 * What each report says of a place, the newest report first (see PlaceFound): the place's
 * facts' sentences for the reports they cite, the sentences that name it for the others.
 */
export function placeCitations(place: Place, store: Pick<KnowledgeStore, "facts" | "sources">): Citation[] {
  const seen = new Set<string>();
  const bySource = new Map<string, Citation[]>();
  const add = (citation: Citation) => {
    if (seen.has(citation.sentence.id)) return;
    seen.add(citation.sentence.id);
    bySource.set(citation.source.id, [...(bySource.get(citation.source.id) ?? []), citation]);
  };
  for (const fact of place.facts) fact.citations.forEach(add);
  const chosen = new Set(bySource.keys());
  // A name as the report writes it, as a word of its own ("Sham" is not al-Sham's).
  const naming = new RegExp(
    `(?<![\\p{L}\\p{N}-])(?:${[place.name, ...place.aliases].map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}-])`,
    "u",
  );
  for (const fact of store.facts)
    for (const citation of fact.citations) {
      const id = citation.source.id;
      if (chosen.has(id) || (bySource.get(id)?.length ?? 0) >= MAX_NAMING_SENTENCES) continue;
      if (naming.test(citation.sentence.text)) add(citation);
    }
  const order = store.sources.map((s) => s.id);
  const date = new Map(store.sources.map((s) => [s.id, s.date]));
  return [...bySource]
    .sort(
      ([a], [b]) =>
        (date.get(b) ?? "").localeCompare(date.get(a) ?? "") || order.indexOf(a) - order.indexOf(b),
    )
    .flatMap(([, citations]) => citations);
}
