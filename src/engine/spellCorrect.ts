/**
 * Corrects misspelt words and names ("Alepo", "insurgants", "Tahrir al Shem") against the
 * store's own vocabulary, with fuse.js. Only tokens that are neither store words nor real
 * English words are corrected, so a real word the store does not know ("population") stays
 * as typed and can show that a question is out of scope.
 */
import Fuse from "fuse.js";

/** How far a correction may be from the typed token (fuse.js score, 0 = exact). */
const MAX_SCORE = 0.34;
/** Tokens shorter than this are never corrected: too little to go on. */
const MIN_LENGTH = 4;

export class SpellCorrector {
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly englishWords: ReadonlySet<string>,
    private readonly stopWords: ReadonlySet<string>,
  ) {
    this.fuse = new Fuse([...vocabulary].sort(), {
      includeScore: true,
      threshold: MAX_SCORE,
      ignoreLocation: true,
      isCaseSensitive: true,
    });
  }

  /**
   * Whether a token is a word nobody knows here: not in the store, not English, not a
   * stop word, and (after correction) still itself — most likely a name the article does
   * not mention ("Jolani", "Erdogan", "France").
   */
  isStranger(token: string): boolean {
    return (
      token.length >= 3 &&
      !/\p{N}/u.test(token) &&
      !this.vocabulary.has(token) &&
      !this.stopWords.has(token) &&
      !this.englishWords.has(token) &&
      this.correct(token) === token
    );
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
    const best = this.fuse
      .search(token, { limit: 5 })
      .filter((r) => Math.abs(r.item.length - token.length) <= Math.max(1, Math.floor(token.length / 4)))
      .sort((a, b) => (a.score ?? 1) - (b.score ?? 1) || a.item.localeCompare(b.item))[0];
    const corrected = best ? best.item : token;
    if (this.cache.size < 10_000) this.cache.set(token, corrected);
    return corrected;
  }
}
