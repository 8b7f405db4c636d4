/**
 * The names a report uses, read from its text: runs of capitalised words ("Syrian National
 * Army", "Hayat Tahrir al-Sham", "Rami Abdurrahman"), each with the short forms people use —
 * its initials ("SNA", "HTS", "SOHR") and, for a name of several words, its last word when
 * no other name ends in it ("Abdurrahman"), the Arabic article's variants and the other names
 * of a well-known place. A place is a name the report marks as one (language/english.yaml,
 * placeCues): "the town of Tell Zaroura", "the Khalidiya district", "the Golan Heights", "in
 * Moscow". For a report no curator has described yet.
 */
import { MONTHS, WEEKDAYS } from "./calendarWords.ts";
import { englishLanguage, type EnglishLanguage, type PlaceCues } from "./englishLanguage.ts";
import { anyPhrase } from "./phrasePattern.ts";

/** Whether a word is an English word (the word list the spell corrector uses). */
export type IsEnglishWord = (word: string) => boolean;

export interface ReadName {
  name: string;
  aliases: string[];
  /**
   * "city" when the report marks it as a city ("the town of…", "port of", a dateline) or it is a
   * well-known place; "place" when it marks it as another place (a district, a prison, a
   * crossing…); null when it does not mark it as a place.
   */
  kind: "city" | "place" | null;
}

const CONNECTORS = new Set(["al", "for", "of", "the", "de", "bin", "ibn", "abu"]);
const NOT_NAMES = new Set([
  "the",
  "a",
  "an",
  "it",
  "its",
  "his",
  "her",
  "their",
  "our",
  "on",
  "in",
  "if",
  "at",
  "as",
  "but",
  "and",
  "after",
  "before",
  "when",
  "while",
  "this",
  "that",
  "these",
  "those",
  "there",
  "he",
  "she",
  "they",
  "we",
  "i",
  "mr",
  "mrs",
  "ms",
  "dr",
  ...WEEKDAYS,
  ...MONTHS,
]);
const TITLES = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "president",
  "major",
  "general",
  "colonel",
  "prime",
  "minister",
  "king",
  "sheikh",
]);

/** The place cues as patterns: the text before a name, the text after it, its words. */
function placePatterns(cues: PlaceCues) {
  return {
    before: new RegExp(`(?:^|[^\\p{L}])(?:${anyPhrase(cues.before)})\\s+$`, "iu"),
    after: new RegExp(`^\\s+(?:\\p{Ll}+\\s+)?(?:${anyPhrase(cues.after)})(?![\\p{L}])`, "u"),
    preposition: new RegExp(`(?:^|[^\\p{L}])(?:${anyPhrase(cues.prepositions)})\\s+$`, "iu"),
    heads: new Set(cues.heads),
    cities: new Set(cues.cities.map((w) => w.toLowerCase())),
  };
}
/** A name joined to the one before it by "and": "Latakia and Tartus" (not a comma: "In Washington, President…"). */
const JOINED = /^,?\s+and\s+$/;
/** A news dateline: the city in capitals, the agency in brackets, a dash ("BEIRUT (AP) —"). */
const DATELINE = /^\s*(\p{Lu}[\p{Lu}’' -]*\p{Lu})(?:,\s*\p{Lu}[\p{Lu} ]*)?\s*\([^)]{1,40}\)\s*[—–-]/u;
/**
 * A word of a name: capitalised ("Hama", "Abdul-Ghani") or an Arabic article before one
 * ("al-Sham"); not a compound whose second part is lower case ("Turkish-backed").
 */
const isNameWord = (word: string): boolean =>
  (/^[A-Z]/.test(word) && !/-[a-z]/.test(word)) || /^(?:al|el|as|ash|ad)-[A-Z]/.test(word);

/** The names of some texts (a report's sentences and captions), most mentioned first. */
export function readNames(
  texts: readonly string[],
  isEnglishWord: IsEnglishWord,
  /** Groups of other names of well-known places (language/names.yaml). */
  worldNames: readonly (readonly string[])[] = [],
  /**
   * How a report marks a name as a place; the groups of a country's names, its own first ("in
   * Russia" marks no city) and of well-known places' (names.yaml).
   */
  places: Pick<EnglishLanguage, "placeCues" | "countryNames" | "placeNames"> = englishLanguage(),
): ReadName[] {
  const cue = placePatterns(places.placeCues);
  const lowered = (groups: readonly (readonly string[])[]) =>
    new Set(groups.flat().map((n) => n.toLowerCase()));
  const countries = new Set(places.countryNames.flatMap((g) => g.slice(0, 1)).map((n) => n.toLowerCase()));
  const countryWords = lowered(places.countryNames);
  const knownPlaces = lowered(places.placeNames);
  const found = new Map<string, { count: number; place: number; city: number; midSentence: boolean }>();
  /** Whether a cue's words mark a city ("the town of", "Hama city"). */
  const citesCity = (matched: string | undefined) =>
    (matched ?? "")
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .some((w) => cue.cities.has(w));
  const shortForms = new Map<string, string>();
  const word = /[\p{L}][\p{L}’'-]*/gu;
  for (const text of texts) {
    // A dateline ("BEIRUT (AP) — …") names the city the report was filed from.
    const dateline = DATELINE.exec(text);
    if (dateline?.[1]) {
      const city = dateline[1].toLowerCase().replace(/(^|[\s-])\p{L}/gu, (letter) => letter.toUpperCase());
      const entry = found.get(city) ?? { count: 0, place: 0, city: 0, midSentence: false };
      found.set(city, {
        ...entry,
        count: entry.count + 1,
        place: entry.place + 1,
        city: entry.city + 1,
        midSentence: true,
      });
    }
    const tokens = [...text.matchAll(word)].map((m) => ({ value: m[0], at: m.index }));
    // Where the last name marked as a place ended, so a name joined to it is one too, and whether it was a city.
    let placeEnd = -1;
    let lastWasCity = false;
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i];
      if (!first || !isNameWord(first.value) || NOT_NAMES.has(first.value.toLowerCase())) continue;
      let j = i;
      const words = [first.value];
      // A possessive ends a name: "Jordan’s Foreign Ministry" names Jordan, then its ministry.
      while (j + 1 < tokens.length && !/[’']s$/.test(words.at(-1) ?? "")) {
        const next = tokens[j + 1];
        const between = next
          ? text.slice((tokens[j]?.at ?? 0) + (tokens[j]?.value.length ?? 0), next.at)
          : "";
        if (!next || /[^\s-]/.test(between)) break;
        if (isNameWord(next.value) && !NOT_NAMES.has(next.value.toLowerCase())) words.push(next.value);
        else if (CONNECTORS.has(next.value.toLowerCase()) && isNameWord(tokens[j + 2]?.value ?? ""))
          words.push(next.value);
        else break;
        j += 1;
      }
      while (words.length > 1 && TITLES.has(words[0]?.toLowerCase() ?? "")) words.shift();
      const name = words
        .join(" ")
        .replace(/[’']s$/, "")
        .replace(/ (?=-)|(?<=-) /g, "");
      const before = text.slice(0, first.at);
      const sentenceStart = /(?:^|[.!?“"]\s*)$/.test(before);
      const entry = found.get(name) ?? { count: 0, place: 0, city: 0, midSentence: false };
      entry.count += 1;
      const end = (tokens[j]?.at ?? 0) + (tokens[j]?.value.length ?? 0);
      const lower = name.toLowerCase();
      const oneWord = words.length === 1;
      // A country's adjective before a place word is no place ("a Russian air base"); a country,
      // an acronym or an English word after a preposition is none either ("in Russia", "from HTS").
      const beforeCue = cue.before.exec(before)?.[0];
      const afterCue = countryWords.has(lower) ? undefined : cue.after.exec(text.slice(end, end + 40))?.[0];
      const joined = placeEnd >= 0 && JOINED.test(text.slice(placeEnd, first.at));
      // A one-word name after "in", "near"… is a city ("in Moscow"), when it is none of these.
      const byPreposition =
        oneWord &&
        cue.preposition.test(before) &&
        !/^\p{Lu}+$/u.test(name) &&
        (knownPlaces.has(lower) || !isEnglishWord(lower)) &&
        !countries.has(lower);
      // A name with a title is a person's ("President Bashar Assad"), whatever is around it.
      const titled = first.value !== words[0];
      const markedPlace =
        !titled &&
        (beforeCue !== undefined ||
          afterCue !== undefined ||
          (!oneWord && cue.heads.has(words.at(-1) ?? "")) ||
          joined ||
          byPreposition);
      if (markedPlace) {
        entry.place += 1;
        // A city by its cue's words ("the town of"), its preposition ("in Moscow"), or joined to
        // a city ("the cities of Homs and Hama").
        lastWasCity = citesCity(beforeCue) || citesCity(afterCue) || byPreposition || (joined && lastWasCity);
        if (lastWasCity) entry.city += 1;
        placeEnd = end;
      } else placeEnd = -1;
      if (!sentenceStart || words.length > 1) entry.midSentence = true;
      found.set(name, entry);
      i = j;
    }
  }
  const everyName = [...found].filter(([, e]) => e.midSentence);
  // A one-word name that is a longer name's head — its surname ("Assad" of "Bashar Assad") or
  // the last word before "for"/"of" ("Observatory" of "Syrian Observatory for Human Rights") —
  // is that name said short: the one such name mentioned most, or first when as often ("Mr
  // Assad" is the Bashar Assad of the report's first sentence, not Hafez Assad of 1982).
  const heads = new Map<string, Array<[string, number]>>();
  for (const [name, e] of everyName) {
    const words = name.split(/\s+/);
    const connector = words.findIndex((w, i) => i > 0 && CONNECTORS.has(w.toLowerCase()));
    const head = (connector > 0 ? words.slice(0, connector) : words).at(-1);
    if (words.length < 2 || head === undefined || /^(?:al|el)-/.test(head)) continue;
    heads.set(head, [...(heads.get(head) ?? []), [name, e.count]]);
    // "Syrian Observatory" for "Syrian Observatory for Human Rights".
    if (connector >= 2) shortForms.set(name, words.slice(0, connector).join(" "));
  }
  const saidShort = new Map<string, string>();
  for (const [single, e] of everyName) {
    if (/\s/.test(single) || e.place > 0) continue;
    // Most mentioned first; of those mentioned as often, the one the report names first.
    const [top, ...rest] = [...(heads.get(single) ?? [])].sort((x, y) => y[1] - x[1]);
    if (top && rest.every(([, count]) => count <= top[1])) saidShort.set(single, top[0]);
  }
  const names = everyName.filter(([name]) => !saidShort.has(name));
  const shortFor = new Map<string, string[]>();
  for (const [single, full] of saidShort) shortFor.set(full, [...(shortFor.get(full) ?? []), single]);
  const lastWords = new Map<string, number>();
  for (const [name] of names) {
    const last = name.split(/\s+/).pop() ?? name;
    lastWords.set(last, (lastWords.get(last) ?? 0) + 1);
  }
  // Names of one place or country (Syria, Syrian) are one name, the most mentioned first.
  const groupOf = (name: string) =>
    worldNames.find((g) => g.some((n) => n.toLowerCase() === name.toLowerCase()));
  const merged = new Set<string>();
  return names
    .sort((a, b) => b[1].count - a[1].count)
    .filter(([name]) => {
      const group = groupOf(name);
      if (!group) return true;
      const key = (group[0] ?? name).toLowerCase();
      if (merged.has(key)) return false;
      merged.add(key);
      return true;
    })
    .map(([name, e]) => {
      const parts = name.split(/\s+/).filter((p) => !CONNECTORS.has(p.toLowerCase()));
      const aliases = new Set<string>();
      // Initials of a name of three words or more: "SNA", "HTS" (al-Sham gives its S).
      if (parts.length >= 3)
        aliases.add(
          parts.map((p) => p.replace(/^(?:al|el|as|ash|ad)-/, "")[0]?.toUpperCase() ?? "").join(""),
        );
      const last = name.split(/\s+/).pop() ?? name;
      for (const single of shortFor.get(name) ?? []) aliases.add(single);
      const short = shortForms.get(name);
      if (short !== undefined && !found.has(short)) aliases.add(short);
      // A person's surname, when no other name ends in it and it is no English word ("Army",
      // "Press"); one with the Arabic article is said with it and without ("al-Rifai", "Rifai").
      const bareLast = last.replace(/^(?:al|el)-/, "");
      if (
        parts.length >= 2 &&
        lastWords.get(last) === 1 &&
        !found.has(last) &&
        !found.has(bareLast) &&
        !isEnglishWord(bareLast.toLowerCase())
      ) {
        aliases.add(last);
        aliases.add(bareLast);
      }
      // Arabic names are written with and without their article ("Bashar Assad", "Bashar al-Assad").
      const words = name.split(/\s+/);
      if (words.length === 2 && !isEnglishWord((words[0] ?? "").toLowerCase())) {
        const [given = "", family = ""] = words;
        if (/^(?:al|el)-/.test(family)) aliases.add(`${given} ${family.replace(/^(?:al|el)-/, "")}`);
        else if (!isEnglishWord(family.toLowerCase())) aliases.add(`${given} al-${family}`);
        if (names.filter(([n]) => n.startsWith(`${given} `)).length === 1 && !found.has(given))
          aliases.add(given);
      }
      for (const group of worldNames)
        if (group.some((n) => n.toLowerCase() === name.toLowerCase())) group.forEach((n) => aliases.add(n));
      aliases.delete(name);
      const kind =
        e.place === 0 ? null : e.city > 0 || knownPlaces.has(name.toLowerCase()) ? "city" : "place";
      return { name, aliases: [...aliases], kind };
    });
}
