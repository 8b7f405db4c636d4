import { describe, expect, it } from "vitest";
import {
  chanceRight,
  decide,
  shippedCalibration,
  type AnswerFeatures,
  type Calibration,
} from "../../../src/engine/decide/calibration.ts";

const features: AnswerFeatures = {
  score: 1,
  coverage: 1,
  questionMatch: 1,
  bm25: 1,
  claimFit: 1,
  asksAction: 1,
  claimMissing: 0,
  margin: 0.5,
  strict: 0,
  unknownShare: 0,
  reports: 1,
  terms: 4,
};

describe("calibration", () => {
  it("turns features into a chance by the fitted weights, and decides by its thresholds", () => {
    const calibration: Calibration = {
      fittedOn: "test",
      features: ["score", "claimMissing"],
      weights: [4, -6],
      bias: -2,
      answerAt: 0.6,
      clarifyAt: 0.3,
    };
    expect(chanceRight(calibration, features)).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(chanceRight(calibration, { ...features, claimMissing: 1 })).toBeCloseTo(1 / (1 + Math.exp(4)), 6);
    expect(decide(calibration, 0.9)).toBe("answer");
    expect(decide(calibration, 0.45)).toBe("clarify");
    expect(decide(calibration, 0.1)).toBe("refuse");
  });

  it("the shipped calibration is fitted and gives a strong answer a high chance and a weak one a low chance", () => {
    const calibration = shippedCalibration();
    expect(calibration).not.toBeNull();
    if (!calibration) return;
    expect(chanceRight(calibration, features)).toBeGreaterThan(0.9);
    expect(
      chanceRight(calibration, {
        ...features,
        score: 0.3,
        coverage: 0.2,
        questionMatch: 0.1,
        claimFit: 0,
        claimMissing: 1,
      }),
    ).toBeLessThan(calibration.clarifyAt);
  });
});
