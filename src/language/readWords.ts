/**
 * The NLP library's reading of words: lemma, part of speech and negation for each token
 * (wink-nlp with its English web model, which ships inside its npm package). Loaded once, on
 * first use.
 */
import winkNLP, { type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { stemmer } from "stemmer";

export interface Word {
  /** The token as written (folded by the caller). */
  value: string;
  /** Its lemma ("took" → take, "rebels" → rebel). */
  lemma: string;
  /** Universal part of speech: NOUN, PROPN, VERB, AUX, ADJ, ADP… */
  pos: string;
  /** Under a negation ("did *not* take"). */
  negated: boolean;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** The loaded library; the first call pays its start-up (about 50 ms). */
function library(): Nlp {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Reads a text into words. */
export function readWords(text: string): Word[] {
  const lib = library();
  // The library's helpers are plain functions, read here as values.
  const its = lib.its as unknown as Record<"value" | "lemma" | "pos" | "negationFlag", unknown>;
  const tokens = lib.readDoc(text).tokens();
  // The library's typings do not fit its own helpers; each returns one value a token.
  const out = <T>(helper: unknown) => tokens.out(helper as ItsFunction<T>) as T[];
  const values = out<string>(its.value);
  const lemmas = out<string>(its.lemma);
  const pos = out<string>(its.pos);
  const negated = out<boolean>(its.negationFlag);
  return values.map((value, i) => ({
    value,
    lemma: (lemmas[i] ?? value).toLowerCase(),
    pos: pos[i] ?? "X",
    negated: negated[i] === true,
  }));
}

/** The lemmas of a phrase, as one string ("took over" → "take over"). */
export function lemmaPhrase(phrase: string): string {
  return readWords(phrase.toLowerCase())
    .map((w) => w.lemma)
    .join(" ");
}

/** Words already looked up by verbBase, and how many it keeps (user text never grows it past that). */
const verbBases = new Map<string, string | null>();
const VERB_BASES_KEPT = 50_000;

/**
 * The base form of an irregular verb form, read alone ("led" → lead, "fell" → fall, "withdrew"
 * → withdraw, "taken" → take); null for any other word: regular forms (their stems already
 * meet: "seized" and "seize") and words the library reads alone as anything but a verb ("best"
 * is not "good"). Used before stemming, so that
 * "who led" meets "leading" and "Hama fell" meets "falling".
 */
export function verbBase(word: string): string | null {
  const known = verbBases.get(word);
  if (known !== undefined) return known;
  let base: string | null = null;
  // Only plain lower-case words of letters: names, numbers and symbols are never verb forms here.
  if (/^[a-z]{2,}$/.test(word)) {
    const [read] = readWords(word);
    if (read && read.pos === "VERB" && stemmer(read.lemma) !== stemmer(word)) base = read.lemma;
  }
  if (verbBases.size >= VERB_BASES_KEPT) verbBases.clear();
  verbBases.set(word, base);
  return base;
}
