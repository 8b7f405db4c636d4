/**
 * The searchable form of the store's facts: a BM25 index (minisearch) over each fact's
 * questions, keywords and cited sentences, plus each fact's term set and document
 * frequencies, which the answer rules use to weigh what a question shares with a fact.
 */
import MiniSearch from "minisearch";
import type { Fact, KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import { nameTerm, type TextAnalyzer } from "./textAnalysis.ts";

export interface IndexedFact {
  fact: Fact;
  /** Position in the store; breaks ties so that results are deterministic. */
  order: number;
  /** Every term of the fact: questions, keywords, headline and cited sentences. */
  terms: ReadonlySet<string>;
  /** The terms the curator wrote for it: questions, keywords and headline. */
  curatedTerms: ReadonlySet<string>;
  /** The terms of each of the fact's questions. */
  questionTerms: ReadonlyArray<readonly string[]>;
  /** The name terms of the people, groups or places the answer names. */
  answerNameTerms: readonly string[];
}

/** Whether a fact speaks of a named entity: by name, or by a word the article uses for it. */
export function speaksOf(
  entry: IndexedFact,
  name: string,
  mentionedAs: ReadonlyMap<string, readonly string[]>,
): boolean {
  return entry.terms.has(name) || (mentionedAs.get(name) ?? []).some((term) => entry.terms.has(term));
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

export class FactIndex {
  readonly entries: IndexedFact[];
  private readonly search: MiniSearch<IndexedDocument>;
  private readonly documentFrequency = new Map<string, number>();

  constructor(store: KnowledgeStore, analyzer: TextAnalyzer) {
    const documents: IndexedDocument[] = [];
    this.entries = store.facts.map((fact, order) => {
      const analyze = (text: string) => analyzer.analyze(text).terms;
      const questionTerms = fact.questions.map(analyze);
      const keywordTerms = [fact.headline, ...fact.keywords].flatMap(analyze);
      const textTerms = fact.citations.flatMap((c) => analyze(c.sentence.text));
      documents.push({
        id: order,
        questions: questionTerms.flat().join(" "),
        keywords: keywordTerms.join(" "),
        text: textTerms.join(" "),
      });
      const curatedTerms = new Set([...questionTerms.flat(), ...keywordTerms]);
      const terms = new Set([...curatedTerms, ...textTerms]);
      for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      return {
        fact,
        order,
        terms,
        curatedTerms,
        questionTerms,
        answerNameTerms: fact.answerNames.map(nameTerm),
      };
    });
    this.search = new MiniSearch<IndexedDocument>({
      fields: ["questions", "keywords", "text"],
      tokenize: splitTerms,
      processTerm: (term) => term,
      searchOptions: { boost: FIELD_BOOST, combineWith: "OR", tokenize: splitTerms, processTerm: (t) => t },
    });
    this.search.addAll(documents);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Whether any fact uses the term. */
  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Inverse document frequency (BM25 form); a term no fact uses gets the highest weight. */
  idf(term: string): number {
    const n = this.entries.length;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The facts that share any term with the question, best BM25 first (ties: store order). */
  candidates(terms: readonly string[], limit: number): Candidate[] {
    if (terms.length === 0) return [];
    return this.search
      .search(terms.join(" "))
      .map((result) => ({ entry: this.entries[result.id as number] as IndexedFact, bm25: result.score }))
      .sort((a, b) => b.bm25 - a.bm25 || a.entry.order - b.entry.order)
      .slice(0, limit);
  }
}
