/**
 * Curator's report on a loaded store: how far each report is curated, sentences no curated fact cites, questions asked the
 * same way in more than one fact, and facts whose answer type their sentences cannot supply.
 */
import { foldTokens, stem } from "../engine/textAnalysis.ts";
import type { KnowledgeStore } from "../knowledge/loadKnowledge.ts";
import type { AnswerType } from "../knowledge/knowledgeSchema.ts";

/** How far one report is curated. */
export interface ReportCoverage {
  source: string;
  sentences: number;
  /** Sentences a curated fact cites. */
  cited: number;
  /** Sentences whose claims a curator listed in claims.yaml (the rest are read by the NLP). */
  claimed: number;
}

export interface CoverageReport {
  reports: ReportCoverage[];
  sentenceCount: number;
  citedCount: number;
  /** Sentence ids no fact cites. */
  uncited: string[];
  /** The same question (ignoring case and punctuation) in several facts. */
  sharedQuestions: Array<{ question: string; facts: string[] }>;
  /** A fact claims an answer type its first cited sentence shows no sign of. */
  typeWarnings: Array<{ fact: string; type: AnswerType; sentence: string }>;
  /**
   * A synonym entry that stems as an earlier group's entry does ("busy" as "business"): it is
   * read as that group's head, not its own.
   */
  shadowedSynonyms: Array<{ entry: string; group: string; readAs: string }>;
}

/** What a sentence must contain to supply each checkable answer type. */
const SUPPLIES: Partial<Record<AnswerType, RegExp>> = {
  number:
    /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|number|first|second|third|fourth|fifth|largest|tens)\b/i,
  date: /\b\d{4}\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|days?|weeks?|years?|hours?|morning|today|yesterday|before|after|earlier|later)\b/i,
  distance: /\b(?:kilometres?|kilometers?|miles?|km)\b/i,
};

export function checkCoverage(store: KnowledgeStore): CoverageReport {
  const cited = new Set(
    store.facts.filter((f) => f.curated).flatMap((f) => f.citations.map((c) => c.sentence.id)),
  );
  const sentences = store.sources.flatMap((s) => s.sentences);
  const byQuestion = new Map<string, { question: string; facts: Set<string> }>();
  for (const fact of store.facts.filter((f) => f.curated)) {
    for (const question of fact.questions) {
      const key = foldTokens(question).join(" ");
      const entry = byQuestion.get(key) ?? { question, facts: new Set<string>() };
      entry.facts.add(fact.id);
      byQuestion.set(key, entry);
    }
  }
  const typeWarnings: CoverageReport["typeWarnings"] = [];
  for (const fact of store.facts) {
    const first = fact.citations[0]?.sentence;
    if (!first) continue;
    for (const type of fact.answers) {
      const pattern = SUPPLIES[type];
      if (pattern && !fact.citations.some((c) => pattern.test(c.sentence.text)))
        typeWarnings.push({ fact: fact.id, type, sentence: first.id });
    }
  }
  const stemmedBy = new Map<string, string>();
  const shadowedSynonyms: CoverageReport["shadowedSynonyms"] = [];
  for (const group of store.synonyms) {
    const head = group[0] ?? "";
    for (const entry of group) {
      const key = foldTokens(entry).map(stem).join(" ");
      const first = stemmedBy.get(key);
      if (first === undefined) stemmedBy.set(key, head);
      else if (first !== head) shadowedSynonyms.push({ entry, group: head, readAs: first });
    }
  }
  return {
    reports: store.sources.map((source) => ({
      source: source.id,
      sentences: source.sentences.length,
      cited: source.sentences.filter((x) => cited.has(x.id)).length,
      claimed: source.sentences.filter((x) => store.claims.has(x.id)).length,
    })),
    sentenceCount: sentences.length,
    citedCount: sentences.filter((s) => cited.has(s.id)).length,
    uncited: sentences.filter((s) => !cited.has(s.id)).map((s) => s.id),
    sharedQuestions: [...byQuestion.values()]
      .filter((e) => e.facts.size > 1)
      .map((e) => ({ question: e.question, facts: [...e.facts] })),
    typeWarnings,
    shadowedSynonyms,
  };
}
