/**
 * The NLP library's reading of words: lemma, part of speech and negation for each token
 * (wink-nlp with its English web model, which ships inside its npm package). Loaded once, on
 * first use.
 */
import winkNLP, { type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";

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
