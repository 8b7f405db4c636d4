/** Words and phrases of the language data as parts of a regular expression. */

/** A text matched literally in a regular expression. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Phrases as one alternation, each matched literally, a space matching any run of white space; never matches when empty. */
export const anyPhrase = (phrases: readonly string[]): string =>
  phrases.map((p) => escapeRegExp(p).replace(/\s+/g, "\\s+")).join("|") || "(?!)";
