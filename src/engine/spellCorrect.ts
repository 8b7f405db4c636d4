/**
 * Corrects misspelt words and names ("Alepo", "insurgants", "Tahrir al Shem") against the
 * store's own vocabulary, with fuse.js. Only tokens that are neither store words nor real
 * English words are corrected, so a real word the store does not know ("population") stays
 * as typed and can show that a question is out of scope.
 */
import { distance } from "fastest-levenshtein";
import Fuse from "fuse.js";

/** How far a correction may be from the typed token (fuse.js score, 0 = exact). */
const MAX_SCORE = 0.34;

/** The letters tried when looking for a stop word one slip away. */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

/** Tokens shorter than this are never corrected: too little to go on. */
const MIN_LENGTH = 4;

/**
 * The most edits (Levenshtein) a correction may need, by token length. fuse.js proposes;
 * this confirms, since fuse's approximate substring score alone would read "France" as "advance".
 */
const maxEdits = (length: number): number => (length <= 5 ? 1 : length <= 9 ? 2 : 3);

/** A name word shorter than this is corrected only one edit away. */
const LONG_NAME = 8;

/** A word with each run of one letter written once: "aleppo" → "alepo". */
export const undouble = (word: string): string => word.replace(/(\p{L})\1+/gu, "$1");

export class SpellCorrector {
  /** One fuse.js index per first letter: a typo rarely hits the first letter, and this keeps lookups small as the vocabulary grows. */
  private readonly fuseByInitial = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, string>();
  /** Lengths beyond which no swap or slip can reach a store word or a stop word (hostile input has words of thousands of letters). */
  private readonly longestWord: number;
  private readonly longestStopWord: number;

  constructor(
    /** The store's words, with how often the store uses each. */
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly englishWords: ReadonlySet<string>,
    private readonly stopWords: ReadonlySet<string>,
    /** Words of people's names: a short word two edits from one is likelier another name ("Golani" is not "Ghani"). */
    private readonly nameWords: ReadonlySet<string> = new Set(),
  ) {
    this.longestWord = Math.max(0, ...[...vocabulary.keys()].map((w) => [...w].length));
    this.longestStopWord = Math.max(0, ...[...stopWords].map((w) => [...w].length));
    const byInitial = new Map<string, string[]>();
    for (const word of [...vocabulary.keys()].sort()) {
      const initial = [...word][0] ?? "";
      const words = byInitial.get(initial);
      if (words) words.push(word);
      else byInitial.set(initial, [word]);
    }
    for (const [initial, words] of byInitial) {
      this.fuseByInitial.set(
        initial,
        new Fuse(words, {
          includeScore: true,
          threshold: MAX_SCORE,
          ignoreLocation: true,
          isCaseSensitive: true,
        }),
      );
    }
  }

  /**
   * The store word two neighbouring tokens make when written as one ("abdul rahman" →
   * abdurrahman, "castle bury" → castlebury): null when either is a store word already (its
   * words mean what they say), or together, as written or corrected, they are none.
   */
  joined(first: string, second: string): string | null {
    if (this.vocabulary.has(first) || this.vocabulary.has(second) || this.stopWords.has(second)) return null;
    const together = `${first}${second}`;
    if (together.length < 2 * MIN_LENGTH) return null;
    if (this.vocabulary.has(together)) return together;
    const corrected = this.correct(together);
    return corrected !== together && this.vocabulary.has(corrected) ? corrected : null;
  }

  /**
   * Whether a token is a word nobody knows here: not in the store, not English, not a
   * stop word, and (after correction) still itself — most likely a name the article does
   * not mention ("Jolani", "Erdogan", "France").
   */
  isStranger(token: string): boolean {
    return (
      token.length >= MIN_LENGTH &&
      !/\p{N}/u.test(token) &&
      !this.vocabulary.has(token) &&
      !this.stopWords.has(token) &&
      !this.englishWords.has(token) &&
      this.correct(token) === token
    );
  }

  /**
   * The word the token is with two neighbouring letters swapped back: the store's most used
   * such word, else a stop word ("agian"), else null. Not any English word: the long word list
   * would turn a name into a rare word ("Gani" into "gain").
   */
  private unswapped(token: string): string | null {
    const letters = [...token];
    if (letters.length > this.longestWord) return null;
    const words: string[] = [];
    for (let i = 0; i + 1 < letters.length; i++) {
      if (letters[i] === letters[i + 1]) continue;
      const word = [...letters.slice(0, i), letters[i + 1], letters[i], ...letters.slice(i + 2)].join("");
      words.push(word);
    }
    const inStore = words
      .filter((w) => this.vocabulary.has(w))
      .sort((a, b) => (this.vocabulary.get(b) ?? 0) - (this.vocabulary.get(a) ?? 0) || a.localeCompare(b));
    return inStore[0] ?? words.find((w) => this.stopWords.has(w)) ?? null;
  }

  /** A stop word one letter added, dropped or changed away from the token, or null. */
  private stopWordOneSlipAway(token: string): string | null {
    const letters = [...token];
    if (letters.length > this.longestStopWord + 1) return null;
    for (let i = 0; i <= letters.length; i++) {
      const before = letters.slice(0, i).join("");
      const after = letters.slice(i).join("");
      const dropped = before + letters.slice(i + 1).join("");
      if (i < letters.length && this.stopWords.has(dropped)) return dropped;
      for (const letter of ALPHABET) {
        if (this.stopWords.has(before + letter + after)) return before + letter + after;
        const changed = before + letter + letters.slice(i + 1).join("");
        if (i < letters.length && this.stopWords.has(changed)) return changed;
      }
    }
    return null;
  }

  /** The token as the store would spell it, or the token itself. */
  correct(token: string): string {
    if (
      token.length < MIN_LENGTH ||
      /\p{N}/u.test(token) ||
      this.vocabulary.has(token) ||
      this.stopWords.has(token) ||
      this.englishWords.has(token)
    )
      return token;
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    // Two neighbouring letters swapped ("yaer", "agian") is the commonest slip of all, and one
    // fuse.js scores as two errors: a store word, or a stop word, one swap away wins.
    const swapped = this.unswapped(token);
    if (swapped !== null) {
      if (this.cache.size < 10_000) this.cache.set(token, swapped);
      return swapped;
    }
    const fuse = this.fuseByInitial.get([...token][0] ?? "");
    // A doubled or undoubled letter ("Homms", "Alepo") is the likeliest slip: a word that
    // differs only so wins over one as many edits away ("Homms" is Homs, not "homes").
    const undoubled = undouble(token);
    const best = (fuse?.search(token, { limit: 8 }) ?? [])
      .map((r) => ({
        item: r.item,
        edits: undouble(r.item) === undoubled ? 0.5 : distance(token, r.item),
        score: r.score ?? 1,
      }))
      .filter(
        (r) =>
          r.edits <= maxEdits(token.length) &&
          (r.edits <= 1 || token.length >= LONG_NAME || !this.nameWords.has(r.item)),
      )
      .sort(
        (a, b) =>
          a.edits - b.edits ||
          (this.vocabulary.get(b.item) ?? 0) - (this.vocabulary.get(a.item) ?? 0) ||
          a.score - b.score ||
          a.item.localeCompare(b.item),
      )[0];
    // Else a stop word one slip away ("actualy", "becuse", "thier"): the question's own
    // misspelt small words are no strangers to refuse over.
    const corrected = best ? best.item : (this.stopWordOneSlipAway(token) ?? token);
    if (this.cache.size < 10_000) this.cache.set(token, corrected);
    return corrected;
  }
}
