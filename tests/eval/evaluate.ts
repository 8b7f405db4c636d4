/**
 * Measures answer quality on a question set (tests/eval/devQuestions.yaml): top-1 accuracy on
 * answerable questions, the share of out-of-scope questions refused, place-lookup accuracy,
 * and that every citation is verbatim in its source file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import type { Factdesk } from "../../src/engine/factdesk.ts";

const questionSet = z.object({
  answerable: z.array(z.object({ q: z.string(), expect: z.array(z.string()).min(1), style: z.string() })),
  out_of_scope: z.array(z.object({ q: z.string(), names_article_entity: z.boolean() })),
  places: z.array(z.object({ q: z.string(), city: z.string().nullable() })),
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
}

export interface EvalResult {
  answerable: { total: number; correct: number; byStyle: Record<string, { total: number; correct: number }> };
  outOfScope: { total: number; refused: number; namingEntity: { total: number; refused: number } };
  places: { total: number; correct: number };
  /** Citations whose text is not verbatim in the source file (must be 0). */
  nonVerbatim: number;
  failures: Failure[];
}

export function evaluate(factdesk: Factdesk, set: QuestionSet): EvalResult {
  const sourceText = new Map(
    factdesk.store.sources.map((s) => [s.id, readFileSync(path.join(factdesk.store.dir, s.file), "utf8")]),
  );
  const result: EvalResult = {
    answerable: { total: 0, correct: 0, byStyle: {} },
    outOfScope: { total: 0, refused: 0, namingEntity: { total: 0, refused: 0 } },
    places: { total: 0, correct: 0 },
    nonVerbatim: 0,
    failures: [],
  };
  const checkVerbatim = (
    citations: ReadonlyArray<{ source: { id: string }; sentence: { text: string } }>,
  ) => {
    for (const c of citations)
      if (!sourceText.get(c.source.id)?.includes(c.sentence.text)) result.nonVerbatim += 1;
  };
  const describe = (reply: ReturnType<Factdesk["answer"]>) =>
    reply.kind === "answer"
      ? `${reply.fact.id}: ${reply.citations[0]?.sentence.text.slice(0, 80) ?? ""} (${reply.confidence})`
      : `refused (${reply.reason}, ${reply.confidence})`;

  for (const item of set.answerable) {
    const reply = factdesk.answer(item.q);
    if (reply.kind === "answer") checkVerbatim(reply.citations);
    const first = reply.kind === "answer" ? (reply.citations[0]?.sentence.text ?? "") : "";
    const correct = item.expect.some((e) => first.includes(e));
    const style = (result.answerable.byStyle[item.style] ??= { total: 0, correct: 0 });
    style.total += 1;
    result.answerable.total += 1;
    if (correct) {
      style.correct += 1;
      result.answerable.correct += 1;
    } else {
      result.failures.push({
        section: "answerable",
        question: item.q,
        expected: item.expect.join(" | "),
        got: describe(reply),
      });
    }
  }

  for (const item of set.out_of_scope) {
    const reply = factdesk.answer(item.q);
    if (reply.kind === "answer") checkVerbatim(reply.citations);
    const refused = reply.kind === "refusal";
    result.outOfScope.total += 1;
    if (item.names_article_entity) result.outOfScope.namingEntity.total += 1;
    if (refused) {
      result.outOfScope.refused += 1;
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
    const got = lookup.kind === "found" ? lookup.place.name : null;
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

export const percent = (part: number, total: number): string =>
  total === 0 ? "n/a" : `${((100 * part) / total).toFixed(1)}%`;
