/**
 * The searchable form of the store's facts: a BM25 index (minisearch) over each fact's
 * questions, keywords and cited sentences, plus each fact's term set and document
 * frequencies, which the answer rules use to weigh what a question shares with a fact.
 */
import MiniSearch from "minisearch";
import type { Fact, KnowledgeStore, Source } from "../knowledge/loadKnowledge.ts";
import type { ArticleSentence as Sentence } from "../knowledge/parseArticle.ts";
import { actionVocabulary } from "../language/actionVocabulary.ts";
import { englishLanguage } from "../language/englishLanguage.ts";
import { readWords, type Word } from "../language/readWords.ts";
import { askedType, type AskedType } from "./questionIntent.ts";
import { foldTokens, isNameTerm, nameTerm, type Analysis, type TextAnalyzer } from "./textAnalysis.ts";

/** Whether a name of this kind may be a person's (a name read from a report has no kind yet): not a place, country or organisation. */
export function mayBePerson(kind: string | undefined): boolean {
  return kind === undefined || kind === "person" || kind === "unknown";
}

export interface IndexedFact {
  fact: Fact;
  /** Position in the store; breaks ties so that results are deterministic. */
  order: number;
  /** Every term of the fact: questions, keywords, headline and cited sentences. */
  terms: ReadonlySet<string>;
  /** The terms the curator wrote for it: questions, keywords and headline. */
  curatedTerms: ReadonlySet<string>;
  /** The terms of its cited sentences. */
  textTerms: ReadonlySet<string>;
  /** The terms of each of the fact's questions. */
  questionTerms: ReadonlyArray<readonly string[]>;
  /** What each of the fact's questions asks for (a reason, a place, a number…). */
  questionAsks: readonly AskedType[];
  /** For each of the fact's questions, the sum of its terms' IDF (computed once, at build). */
  questionWeights: readonly number[];
  /** For each term of its questions, which questions hold it (once per occurrence). */
  questionsWithTerm: ReadonlyMap<string, readonly number[]>;
  /** The name terms of the people, groups or places the answer names. */
  answerNameTerms: readonly string[];
}

/**
 * Whether a fact speaks of a named entity: by name anywhere in the fact, or by a word the
 * article uses for it ("the insurgents" for HTS) in the very sentences it quotes.
 */
export function speaksOf(
  entry: IndexedFact,
  name: string,
  mentionedAs: ReadonlyMap<string, readonly string[]>,
): boolean {
  return entry.terms.has(name) || (mentionedAs.get(name) ?? []).some((term) => entry.textTerms.has(term));
}

/** Term → the indices of the questions that hold it, once per occurrence. */
function questionsByTerm(questionTerms: ReadonlyArray<readonly string[]>): Map<string, number[]> {
  const byTerm = new Map<string, number[]>();
  questionTerms.forEach((terms, i) => {
    for (const term of terms) {
      const list = byTerm.get(term);
      if (list) list.push(i);
      else byTerm.set(term, [i]);
    }
  });
  return byTerm;
}

export interface Candidate {
  entry: IndexedFact;
  /** BM25+ score from minisearch. */
  bm25: number;
}

interface IndexedDocument {
  id: number;
  questions: string;
  keywords: string;
  text: string;
}

/** Field weights: a match in a curated question says most, one in the quoted sentence least. */
const FIELD_BOOST = { questions: 3, keywords: 2, text: 1 };

const splitTerms = (text: string): string[] => (text === "" ? [] : text.split(" "));

/** A term used by more facts than this is "common": it narrows candidates but is not BM25-searched. */
const POSTINGS_BUDGET = 2_000;

/** The most facts a question with only common terms looks at (see `candidates`). */
const SCAN_BUDGET = 2_000;

export class FactIndex {
  readonly entries: IndexedFact[];
  /**
   * The term each country of language/names.yaml becomes in this store — a name, or a word when
   * the store knows it as no name ("syria").
   */
  readonly countryTerms: ReadonlySet<string>;
  private readonly search: MiniSearch<IndexedDocument>;
  private readonly documentFrequency = new Map<string, number>();
  /** For each term, the facts (by store order, ascending) that use it. */
  private readonly postings = new Map<string, number[]>();
  private readonly byId: Map<string, IndexedFact>;
  private readonly factCount: number;

  constructor(store: KnowledgeStore, analyzer: TextAnalyzer) {
    const documents: IndexedDocument[] = [];
    this.factCount = store.facts.length;
    const analyze = (text: string) => analyzer.analyze(text).terms;
    this.countryTerms = new Set(
      englishLanguage().countryNames.flatMap((group) => analyze(group[0] ?? "").slice(0, 1)),
    );
    // A sentence's analysis and the NLP's reading of its words, each made once: the sentences
    // around one are read again to resolve it.
    const analyses = new Map<Sentence, Analysis>();
    const analysisOf = (sentence: Sentence) => {
      let analysis = analyses.get(sentence);
      if (analysis === undefined) analyses.set(sentence, (analysis = analyzer.analyze(sentence.text)));
      return analysis;
    };
    const termsOf = (sentence: Sentence) => analysisOf(sentence).terms;
    const readings = new Map<Sentence, Word[]>();
    const wordsOf = (sentence: Sentence) => {
      let words = readings.get(sentence);
      if (words === undefined) readings.set(sentence, (words = readWords(sentence.text)));
      return words;
    };
    const starts = englishLanguage().referringStarts.map((start) => `${start} `);
    /**
     * A sentence that starts by referring back ("It is about 200 kilometres north of the
     * capital") is also about the first name of the sentence before it in its report; one that
     * says "the city" and names none is also about the place named last.
     */
    const placeTerms = new Set(store.places.map((p) => nameTerm(p.name)));
    const vocabulary = actionVocabulary();
    /** The words before a sentence's first verb: its subject. */
    const subjectWords = (sentence: Sentence) => {
      const words = wordsOf(sentence);
      const verb = words.findIndex((w) => w.pos === "VERB" || w.pos === "AUX");
      return verb > 0 ? words.slice(0, verb) : [];
    };
    /** The terms of a sentence's subject that are not names ("army"): what it is about, as said. */
    const subjectOf = (sentence: Sentence): string[] =>
      analyze(
        subjectWords(sentence)
          .map((w) => w.value)
          .join(" "),
      ).filter((t) => !isNameTerm(t));
    const cityWords = new Set(englishLanguage().kindWords.city ?? []);
    const cityWordPattern = new RegExp(`\\b(?:${[...cityWords].join("|")})\\b`);
    /** Whether a sentence opens with "The" and the name of an action ("The announcement…"). */
    const namesActionFirst = (sentence: Sentence): boolean => {
      if (!/^the\s/i.test(sentence.text)) return false;
      const words = wordsOf(sentence).slice(0, 2);
      return (
        words[0]?.lemma === "the" &&
        words[1]?.pos === "NOUN" &&
        vocabulary.find(words.slice(1)).some((m) => m.start === 0)
      );
    };
    const pronouns = englishLanguage().personPronouns;
    const countryTerms = this.countryTerms;
    const entityKind = new Map<string, string>(store.entities.map((e) => [nameTerm(e.id), e.kind]));
    const isPerson = (term: string) =>
      isNameTerm(term) &&
      !placeTerms.has(term) &&
      !countryTerms.has(term) &&
      mayBePerson(entityKind.get(term));
    const placeWords = new RegExp(`\\b(?:${englishLanguage().placeReferences.join("|")})\\b`);
    const referredTo = (sentence: Sentence, source: Source): string[] => {
      const folded = sentence.text.toLowerCase().replace(/[’‘]/g, "'");
      const referred: string[] = [];
      const before = source.sentences.find((s) => s.number === sentence.number - 1);
      // …and the subject of the sentence before ("The Syrian army said… *It* accused the
      // attackers…"), as is a sentence whose subject is that one's action named ("The army says
      // it has withdrawn… *The announcement* came hours after…").
      const startsReferring = starts.some((start) => folded.startsWith(start));
      if (before && startsReferring) {
        const name = termsOf(before).find(isNameTerm);
        if (name !== undefined) referred.push(name);
      }
      if (before && (startsReferring || namesActionFirst(sentence))) referred.push(...subjectOf(before));
      // "…reported that *he* and his family had arrived": a sentence naming no one before its first
      // pronoun is about the person the sentence before it named last (not a place or a country).
      const own = analysisOf(sentence);
      const pronounAt = own.tokens.findIndex((t) => pronouns.has(t));
      if (pronounAt >= 0 && before) {
        const namedFirst = own.spans.some((span) => span.to <= pronounAt && isPerson(span.term));
        const person = termsOf(before).findLast(isPerson);
        if (!namedFirst && person !== undefined) referred.push(person);
      }
      // "…the defences of the city": the place the report named last, in the three sentences before;
      // so too a subject that speaks of a city it does not name ("The capture of Syria's fourth
      // largest city is another blow… days after insurgents captured much of Aleppo").
      // (The NLP reads a sentence only when a word for a city is in it.)
      const subject = cityWordPattern.test(folded) ? subjectWords(sentence) : [];
      const subjectIsUnnamedCity =
        subject.some((w) => cityWords.has(w.lemma)) &&
        !analyze(subject.map((w) => w.value).join(" ")).some((t) => placeTerms.has(t));
      if (
        (placeWords.test(folded) && !termsOf(sentence).some((t) => placeTerms.has(t))) ||
        subjectIsUnnamedCity
      ) {
        const earlier = source.sentences
          .filter((s) => s.number < sentence.number && s.number >= sentence.number - 3)
          .reverse();
        for (const s of earlier) {
          const place = termsOf(s).findLast((t) => placeTerms.has(t));
          if (place !== undefined) {
            referred.push(place);
            break;
          }
        }
      }
      return referred;
    };
    const entries = store.facts.map((fact, order) => {
      const questionTerms = fact.questions.map(analyze);
      const keywordTerms = [fact.headline, ...fact.keywords].flatMap(analyze);
      const textTerms = fact.citations.flatMap((c) => [
        ...termsOf(c.sentence),
        // A curator says what a fact is about; a sentence alone may say it the sentence before.
        ...(fact.curated ? [] : referredTo(c.sentence, c.source)),
      ]);
      documents.push({
        id: order,
        questions: questionTerms.flat().join(" "),
        keywords: keywordTerms.join(" "),
        text: textTerms.join(" "),
      });
      // A fact no curator wrote has only its sentence: its words are all it is about.
      const curatedTerms = new Set(fact.curated ? [...questionTerms.flat(), ...keywordTerms] : textTerms);
      const citedTerms = new Set(textTerms);
      const terms = new Set([...curatedTerms, ...citedTerms]);
      for (const term of terms) {
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
        const list = this.postings.get(term);
        if (list) list.push(order);
        else this.postings.set(term, [order]);
      }
      return {
        fact,
        order,
        terms,
        curatedTerms,
        textTerms: citedTerms,
        questionTerms,
        questionAsks: fact.questions.map((q) => askedType(foldTokens(q))),
        questionsWithTerm: questionsByTerm(questionTerms),
        answerNameTerms: fact.answerNames.map(nameTerm),
      };
    });
    // IDF needs every fact's terms first.
    this.entries = entries.map((entry) => ({
      ...entry,
      questionWeights: entry.questionTerms.map((q) => q.reduce((sum, term) => sum + this.idf(term), 0)),
    }));
    this.byId = new Map(this.entries.map((e) => [e.fact.id, e]));
    this.search = new MiniSearch<IndexedDocument>({
      fields: ["questions", "keywords", "text"],
      tokenize: splitTerms,
      processTerm: (term) => term,
      searchOptions: { boost: FIELD_BOOST, combineWith: "OR", tokenize: splitTerms, processTerm: (t) => t },
    });
    this.search.addAll(documents);
    // The readings were for building only (a function made here keeps this scope alive).
    analyses.clear();
    readings.clear();
  }

  /** The indexed form of a fact of the store. */
  entryOf(fact: Fact): IndexedFact | undefined {
    return this.byId.get(fact.id);
  }

  /** Whether any fact uses the term. */
  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Inverse document frequency (BM25 form); a term no fact uses gets the highest weight. */
  idf(term: string): number {
    const n = this.factCount;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The IDF of a term no fact uses: the highest there is. */
  unseenIdf(): number {
    return this.idf("");
  }

  /** The facts that use a term, in store order, at most `limit`. */
  factsWith(term: string, limit: number): IndexedFact[] {
    return (this.postings.get(term) ?? []).slice(0, limit).map((order) => this.entries[order] as IndexedFact);
  }

  /**
   * The facts that share terms with the question, best first (ties: store order).
   *
   * Rare terms (at most POSTINGS_BUDGET facts each) go to BM25 (minisearch). Common terms —
   * long postings lists, little weight — would make every question cost as much as the store
   * is large, so they only narrow: when a question has no rare term, its candidates are the
   * first facts (in store order) that use all its common terms, with no BM25 score. The
   * answer rules then weigh every candidate the same way, so cost stays flat as the store grows.
   */
  candidates(terms: readonly string[], limit: number): Candidate[] {
    const known = terms.filter((t) => this.documentFrequency.has(t));
    if (known.length === 0) return [];
    const rare = known.filter((t) => (this.documentFrequency.get(t) ?? 0) <= POSTINGS_BUDGET);
    if (rare.length > 0) {
      return this.search
        .search(rare.join(" "))
        .map((result) => ({ entry: this.entries[result.id as number] as IndexedFact, bm25: result.score }))
        .sort((a, b) => b.bm25 - a.bm25 || a.entry.order - b.entry.order)
        .slice(0, limit);
    }
    const [rarest, ...others] = [...known].sort(
      (a, b) =>
        (this.documentFrequency.get(a) ?? 0) - (this.documentFrequency.get(b) ?? 0) || a.localeCompare(b),
    );
    const found: Candidate[] = [];
    // Only the first SCAN_BUDGET facts of the rarest term are looked at: when few facts share
    // all the terms, the scan would otherwise cost as much as the store is large.
    const postings = this.postings.get(rarest ?? "") ?? [];
    for (let i = 0; i < Math.min(postings.length, SCAN_BUDGET); i++) {
      const entry = this.entries[postings[i] ?? 0] as IndexedFact;
      if (others.every((t) => entry.terms.has(t))) found.push({ entry, bm25: 0 });
      if (found.length === limit) break;
    }
    return found;
  }
}
