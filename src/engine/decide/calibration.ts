/**
 * Confidence that means what it says: the chance, measured on the dev set, that the engine's
 * best candidate answers the question right. A logistic model over the candidate's features
 * (fitted by `npm run calibrate`, stored in calibration.json beside this file) turns them into
 * that chance; the decision then answers, asks back ("did you mean…?") or refuses by it.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { projectPath } from "../../project/projectRoot.ts";

/** What the decision knows of the best candidate. Each is 0..1 or a small count. */
export interface AnswerFeatures {
  /** The rules' combined score (coverage, question match, BM25, type, claims). */
  score: number;
  /** Share of the question's weighted terms the fact speaks of. */
  coverage: number;
  /** F1 against the fact's best curated question (0 for an uncurated fact). */
  questionMatch: number;
  /** BM25 against the best candidate's. */
  bm25: number;
  /** How well its claim answers the asked action (0 when none is asked). */
  claimFit: number;
  /** 1 when the question asks about an action the store's claims make. */
  asksAction: number;
  /** 1 when it does, but no claim of that action has the roles it names ("did Assad flee?"). */
  claimMissing: number;
  /** Score lead over the next candidate that quotes another sentence. */
  margin: number;
  /** 1 when the question asks for a date, number, distance, duration or place. */
  strict: number;
  /** Share of the question's terms the store has never seen. */
  unknownShare: number;
  /** How many reports' answers are shown (1–3): several reports answering alike is a sign the question is theirs. */
  reports: number;
  /**
   * How many terms the question has: a long question (a forum post, a journalist's) shares a
   * smaller part of its words with the sentence that answers it than a short one does.
   */
  terms: number;
}

export const FEATURE_NAMES = [
  "score",
  "coverage",
  "questionMatch",
  "bm25",
  "claimFit",
  "asksAction",
  "claimMissing",
  "margin",
  "strict",
  "unknownShare",
  "reports",
  "terms",
] as const satisfies ReadonlyArray<keyof AnswerFeatures>;

const calibrationSchema = z.strictObject({
  /** What the model was fitted on, and when. */
  fittedOn: z.string(),
  features: z.array(z.enum(FEATURE_NAMES)),
  weights: z.array(z.number()),
  bias: z.number(),
  /** Answer at or above this chance. */
  answerAt: z.number().min(0).max(1),
  /** Ask back ("did you mean…?") at or above this chance, below answerAt; refuse below. */
  clarifyAt: z.number().min(0).max(1),
});
export type Calibration = z.infer<typeof calibrationSchema>;

export const CALIBRATION_FILE = projectPath("src/engine/decide/calibration.json");

let cached: Calibration | null | undefined;

/** The shipped calibration, or null when none has been fitted yet. */
export function shippedCalibration(): Calibration | null {
  if (cached !== undefined) return cached;
  let raw: string;
  try {
    raw = readFileSync(CALIBRATION_FILE, "utf8");
  } catch {
    cached = null;
    return cached;
  }
  const parsed = calibrationSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new Error(`${CALIBRATION_FILE}: ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  cached = parsed.data;
  return cached;
}

/** The chance that an answer with these features is right. */
export function chanceRight(calibration: Calibration, features: AnswerFeatures): number {
  let z = calibration.bias;
  calibration.features.forEach((name, i) => {
    z += (calibration.weights[i] ?? 0) * features[name];
  });
  return 1 / (1 + Math.exp(-z));
}

export type Outcome = "answer" | "clarify" | "refuse";

/** Answer, ask back or refuse, by the chance of being right. */
export function decide(calibration: Calibration, chance: number): Outcome {
  if (chance >= calibration.answerAt) return "answer";
  if (chance >= calibration.clarifyAt) return "clarify";
  return "refuse";
}
