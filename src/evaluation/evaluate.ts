/**
 * Measures answer quality on a question set (eval/*.yaml): top-1 accuracy on answerable
 * questions, the share of out-of-scope questions refused, questions asked back, place-lookup
 * accuracy, that every citation is verbatim in its source file, and each answer's confidence
 * with whether it was right (for the reliability table).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import type { Reply } from "../engine/answerEngine.ts";
import type { Factdesk } from "../engine/factdesk.ts";

const questionSet = z.object({
  answerable: z.array(z.object({ q: z.string(), expect: z.array(z.string()).min(1), style: z.string() })),
  out_of_scope: z.array(z.object({ q: z.string(), names_article_entity: z.boolean() })),
  places: z.array(z.object({ q: z.string(), city: z.string().nullable() })).default([]),
});
export type QuestionSet = z.infer<typeof questionSet>;

export function readQuestionSet(file: string): QuestionSet {
  return questionSet.parse(YAML.parse(readFileSync(file, "utf8")));
}

export interface Failure {
  section: "answerable" | "out_of_scope" | "places";
  question: string;
  expected: string;
  got: string;
  /** An answerable miss's cause, read from its decision trace (missCause). */
  cause?: string;
}

/**
 * Why an answerable question was missed, from its decision trace: answered wrong, asked back or
 * refused; where the expected sentence stood among the candidates weighed (first, second… or
 * absent); and the checks it failed ("refused · right first · failed names": the question names
 * something the right sentence does not). `sentenceOf` gives a fact's first quoted sentence.
 */
export function missCause(
  reply: Reply,
  expect: readonly string[],
  sentenceOf: (factId: string) => string,
): string {
  const outcome = reply.kind === "answer" ? "wrong" : reply.reason === "unsure" ? "asked back" : "refused";
  const candidates = reply.trace?.candidates ?? [];
  const at = candidates.findIndex((c) => expect.some((e) => sentenceOf(c.fact).includes(e)));
  const found = candidates[at];
  if (!found) return `${outcome} · right not among the candidates`;
  const rank = at === 0 ? "right first" : `right #${at + 1}`;
  return `${outcome} · ${rank} · ${found.failed.length === 0 ? "passes every check" : `failed ${found.failed.join(", ")}`}`;
}

/** One answer shown: its confidence and whether it was right. */
export interface Shown {
  confidence: number;
  right: boolean;
}

export interface EvalResult {
  answerable: {
    total: number;
    correct: number;
    /** Asked back ("did you mean…?") rather than answered. */
    clarified: number;
    /** …and the right sentence was among the offered questions. */
    clarifiedWithRight: number;
    /** Answered with a wrong first quote. */
    wrong: number;
    /** Right, by another report's block than the leading one. */
    rightInOtherReport: number;
    byStyle: Record<string, { total: number; correct: number }>;
  };
  outOfScope: {
    total: number;
    refused: number;
    clarified: number;
    namingEntity: { total: number; refused: number };
  };
  places: { total: number; correct: number };
  /** Citations whose text is not verbatim in the source file (must be 0). */
  nonVerbatim: number;
  /** Every answer shown, for the reliability table. */
  shown: Shown[];
  failures: Failure[];
}

/**
 * Whether a reply answers right: its first quote holds an expected sentence — or, when several
 * reports answer, the first quote of another report's block does (asked how things stand, the
 * newest report leads and an older one follows, dated).
 */
export const isRight = (reply: Reply, expect: readonly string[]): boolean => {
  if (reply.kind !== "answer") return false;
  const firsts = [reply.citations, ...(reply.alsoReported ?? []).map((o) => o.citations)].map(
    (citations) => citations[0]?.sentence.text ?? "",
  );
  return firsts.some((first) => first !== "" && expect.some((e) => first.includes(e)));
};

/**
 * `reports`: the reports a set was written from alone (eval/sets.yaml). Its place look-ups are
 * read as of those reports: a look-up finds the place only when it quotes one of them, and a
 * place the set expects nothing for (city: null) is one they do not name — a look-up quoting only
 * the store's other reports is right there.
 */
export function evaluate(factdesk: Factdesk, set: QuestionSet, reports: readonly string[] = []): EvalResult {
  const sourceText = new Map(
    factdesk.store.sources.map((s) => [s.id, readFileSync(path.join(factdesk.store.dir, s.file), "utf8")]),
  );
  const result: EvalResult = {
    answerable: {
      total: 0,
      correct: 0,
      clarified: 0,
      clarifiedWithRight: 0,
      wrong: 0,
      rightInOtherReport: 0,
      byStyle: {},
    },
    outOfScope: { total: 0, refused: 0, clarified: 0, namingEntity: { total: 0, refused: 0 } },
    places: { total: 0, correct: 0 },
    nonVerbatim: 0,
    shown: [],
    failures: [],
  };
  const checkVerbatim = (
    citations: ReadonlyArray<{ source: { id: string }; sentence: { text: string } }>,
  ) => {
    for (const c of citations)
      if (!sourceText.get(c.source.id)?.includes(c.sentence.text)) result.nonVerbatim += 1;
  };
  const sentenceOf = (factId: string) =>
    factdesk.store.factById.get(factId)?.citations[0]?.sentence.text ?? "";
  const describe = (reply: Reply) =>
    reply.kind === "answer"
      ? `${reply.fact.id}: ${reply.citations[0]?.sentence.text.slice(0, 80) ?? ""} (${reply.confidence})`
      : `${reply.reason === "unsure" ? "asked back" : "refused"} (${reply.reason}, ${reply.confidence})`;

  for (const item of set.answerable) {
    const reply = factdesk.answer(item.q);
    if (reply.kind === "answer") checkVerbatim(reply.citations);
    const correct = isRight(reply, item.expect);
    if (correct && reply.kind === "answer" && !isRight({ ...reply, alsoReported: [] }, item.expect))
      result.answerable.rightInOtherReport += 1;
    if (reply.kind === "answer") result.shown.push({ confidence: reply.confidence, right: correct });
    const style = (result.answerable.byStyle[item.style] ??= { total: 0, correct: 0 });
    style.total += 1;
    result.answerable.total += 1;
    if (correct) {
      style.correct += 1;
      result.answerable.correct += 1;
      continue;
    }
    if (reply.kind === "answer") result.answerable.wrong += 1;
    else if (reply.reason === "unsure") {
      result.answerable.clarified += 1;
      const offered = reply.suggestions.map((f) => f.citations[0]?.sentence.text ?? "");
      if (offered.some((text) => item.expect.some((e) => text.includes(e))))
        result.answerable.clarifiedWithRight += 1;
    }
    result.failures.push({
      section: "answerable",
      question: item.q,
      expected: item.expect.join(" | "),
      got: describe(reply),
      cause: missCause(reply, item.expect, sentenceOf),
    });
  }

  for (const item of set.out_of_scope) {
    const reply = factdesk.answer(item.q);
    if (reply.kind === "answer") {
      checkVerbatim(reply.citations);
      result.shown.push({ confidence: reply.confidence, right: false });
    }
    const refused = reply.kind === "refusal";
    result.outOfScope.total += 1;
    if (item.names_article_entity) result.outOfScope.namingEntity.total += 1;
    if (refused) {
      result.outOfScope.refused += 1;
      if (reply.reason === "unsure") result.outOfScope.clarified += 1;
      if (item.names_article_entity) result.outOfScope.namingEntity.refused += 1;
    } else {
      result.failures.push({
        section: "out_of_scope",
        question: item.q,
        expected: "refusal",
        got: describe(reply),
      });
    }
  }

  for (const item of set.places) {
    const lookup = factdesk.lookupPlace(item.q);
    if (lookup.kind === "found") checkVerbatim(lookup.citations);
    const fromSetReports =
      lookup.kind === "found" &&
      (reports.length === 0 || lookup.citations.some((c) => reports.includes(c.source.id)));
    const got = fromSetReports ? lookup.place.name : null;
    result.places.total += 1;
    if (got === item.city) result.places.correct += 1;
    else
      result.failures.push({
        section: "places",
        question: item.q,
        expected: String(item.city),
        got: String(got),
      });
  }
  return result;
}

/** Confidence bins of the reliability table: answers shown at about this confidence, and the share right. */
export const RELIABILITY_BINS = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const;

export function reliability(
  shown: readonly Shown[],
): Array<{ from: number; to: number; shown: number; right: number }> {
  return RELIABILITY_BINS.map((from, i) => {
    const to = RELIABILITY_BINS[i + 1] ?? 1.0001;
    const inBin = shown.filter((s) => s.confidence >= from && s.confidence < to);
    return { from, to: Math.min(to, 1), shown: inBin.length, right: inBin.filter((s) => s.right).length };
  });
}

export const percent = (part: number, total: number): string =>
  total === 0 ? "n/a" : `${((100 * part) / total).toFixed(1)}%`;
