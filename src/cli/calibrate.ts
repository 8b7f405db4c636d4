/**
 * `npm run calibrate`: fits the confidence model (src/engine/decide/calibration.json) on the
 * dev set. Runs the engine uncalibrated, takes each question's best candidate's features and
 * whether it was right (an out-of-scope question's answer never is), fits a logistic
 * regression (ml-logistic-regression), and picks the thresholds: answer where a wrong answer
 * costs more than WRONG_COST right ones would gain, ask back above CLARIFY_FLOOR.
 */
import { writeFileSync } from "node:fs";
import { Matrix } from "ml-matrix";
import LogisticRegressionTwoClasses from "ml-logistic-regression/src/logreg_2classes.js";
import { createFactdesk } from "../engine/factdesk.ts";
import {
  CALIBRATION_FILE,
  chanceRight,
  FEATURE_NAMES,
  type AnswerFeatures,
  type Calibration,
} from "../engine/decide/calibration.ts";
import { isRight, readQuestionSet } from "../evaluation/evaluate.ts";
import { EVAL_DIR, questionSets } from "../evaluation/questionSets.ts";
import path from "node:path";
import { storeWith } from "../evaluation/evaluationStores.ts";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from "../knowledge/loadKnowledge.ts";

/** A wrong answer is worse than a refusal: it costs this many right ones. */
const WRONG_COST = 2;
/** Below this chance the engine refuses rather than asks back. */
const CLARIFY_FLOOR = 0.3;

const devSets = questionSets().filter((s) => s.role === "dev");
if (devSets.length === 0) throw new Error("eval/sets.yaml names no dev set");

// Fitted on the curated store and on its bare copy (reports only), each with the set's extra
// reports added uncurated, so that the chance it gives means the same for a report nobody has
// curated yet.
const rows: Array<{ features: AnswerFeatures; right: boolean; bare: boolean }> = [];
for (const dev of devSets) {
  const set = readQuestionSet(dev.path);
  for (const bare of [false, true]) {
    const store = loadKnowledge(
      storeWith(DEFAULT_KNOWLEDGE_DIR, path.join(EVAL_DIR, "reports"), dev.reports, bare),
    );
    const factdesk = createFactdesk(store, { calibration: "raw" });
    const collect = (question: string, expect: readonly string[] | null) => {
      const reply = factdesk.answer(question);
      const features = reply.trace?.features;
      if (reply.kind !== "answer" || !features) return;
      rows.push({ features, right: expect !== null && isRight(reply, expect), bare });
    };
    for (const item of set.answerable) collect(item.q, item.expect);
    for (const item of set.out_of_scope) collect(item.q, null);
  }
}
const fittedOn = devSets.map((d) => d.file).join(", ");

// Standardised features, so that one learning rate suits them all; the weights are mapped back.
const columns = FEATURE_NAMES.map((n) => rows.map((r) => r.features[n]));
const mean = columns.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
const spread = columns.map(
  (c, i) => Math.sqrt(c.reduce((a, b) => a + (b - (mean[i] ?? 0)) ** 2, 0) / c.length) || 1,
);
const X = new Matrix(
  rows.map((r) => [1, ...FEATURE_NAMES.map((n, i) => (r.features[n] - (mean[i] ?? 0)) / (spread[i] ?? 1))]),
);
const y = Matrix.columnVector(rows.map((r) => (r.right ? 1 : 0)));
const model = new LogisticRegressionTwoClasses({ numSteps: 5_000, learningRate: 1 / rows.length });
model.train(X, y);
const [standardBias = 0, ...standardWeights] = model.weights.to1DArray();
const weights = standardWeights.map((w, i) => w / (spread[i] ?? 1));
const bias = standardBias - weights.reduce((a, w, i) => a + w * (mean[i] ?? 0), 0);
const calibration: Calibration = {
  fittedOn: `${fittedOn}: ${rows.length} best candidates (${rows.filter((r) => r.right).length} right), ${new Date().toISOString().slice(0, 10)}`,
  features: [...FEATURE_NAMES],
  weights: weights.map((w) => Math.round(w * 1e4) / 1e4),
  bias: Math.round(bias * 1e4) / 1e4,
  answerAt: 0.5,
  clarifyAt: CLARIFY_FLOOR,
};

// The answer threshold: the chance above which answering gains most (right − WRONG_COST × wrong),
// on the curated stores (the bare rows teach the model, but a bot runs on a curated store).
const scored = rows
  .filter((r) => !r.bare)
  .map((r) => ({ chance: chanceRight(calibration, r.features), right: r.right }));
// The gain curve is flat near its top: the lowest threshold within 1% of the best gain is taken,
// so that a refit does not swing between near-equal thresholds.
const gains: Array<{ at: number; gain: number }> = [];
for (let at = 0.3; at <= 0.99; at += 0.01) {
  const shown = scored.filter((s) => s.chance >= at);
  gains.push({
    at,
    gain: shown.filter((s) => s.right).length - WRONG_COST * shown.filter((s) => !s.right).length,
  });
}
const bestGain = Math.max(...gains.map((g) => g.gain));
const best = gains.find((g) => g.gain >= bestGain - Math.abs(bestGain) * 0.01) ?? { at: 0.5 };
calibration.answerAt = Math.round(best.at * 100) / 100;
calibration.clarifyAt = Math.min(CLARIFY_FLOOR, calibration.answerAt);
writeFileSync(CALIBRATION_FILE, `${JSON.stringify(calibration, null, 2)}\n`);
const shown = scored.filter((s) => s.chance >= calibration.answerAt);
const logLoss =
  -scored.reduce(
    (a, s) => a + Math.log(Math.min(1 - 1e-9, Math.max(1e-9, s.right ? s.chance : 1 - s.chance))),
    0,
  ) / scored.length;
process.stdout.write(`log loss on dev ${logLoss.toFixed(3)}\n`);
process.stdout.write(
  `fitted on ${rows.length} best candidates; answer at ≥ ${calibration.answerAt} (${shown.filter((s) => s.right).length} right, ${shown.filter((s) => !s.right).length} wrong on dev); wrote ${CALIBRATION_FILE}\n`,
);
