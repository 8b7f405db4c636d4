/** Reading a question's actions and roles (readActions.ts), on the shipped store's analyser. */
import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../../src/engine/answerEngine.ts";
import { readActions, rolesFor } from "../../../src/engine/readActions.ts";
import { loadKnowledge } from "../../../src/knowledge/loadKnowledge.ts";

const engine = new AnswerEngine(loadKnowledge());
const read = (question: string) =>
  readActions(
    engine.analyzer.analyze(question, { correctSpelling: true }),
    engine.vocabulary,
    engine.claims.isParticipant,
  );
const roles = (question: string, action: string) => {
  const reading = read(question).actions.find((a) => a.actions.includes(action));
  if (!reading) throw new Error(`no ${action} read in "${question}"`);
  return rolesFor(reading, action);
};

describe("readActions", () => {
  it("reads the event after “after” as a claim in a report's sentence, but not in a question", () => {
    const text = "The rebels reached Homs two days after the army withdrew from Hama.";
    const analysis = engine.analyzer.analyze(text);
    const asStatement = readActions(analysis, engine.vocabulary, engine.claims.isParticipant, {
      statement: true,
    });
    const withdrawal = asStatement.actions.find((a) => a.actions.includes("withdraw"));
    expect(withdrawal && rolesFor(withdrawal, "withdraw").object).toContain("@hama");
    const asQuestion = readActions(analysis, engine.vocabulary, engine.claims.isParticipant);
    expect(asQuestion.actions.flatMap((a) => a.actions)).not.toContain("withdraw");
    expect(asQuestion.anchors.some((a) => a.event && a.actions.includes("withdraw"))).toBe(true);
  });

  it("reads the action by lemma, whatever the word ('take', 'seized', 'took over')", () => {
    for (const q of ["did the insurgents take hama", "was hama seized", "they took over aleppo"])
      expect(read(q).actions.flatMap((a) => a.actions)).toContain("capture");
  });

  it("puts the subject as doer and the object as what was acted on", () => {
    expect(roles("did the insurgents take hama", "capture")).toMatchObject({
      agent: ["insurg"],
      object: ["@hama"],
    });
  });

  it("reads the passive the other way round ('was Hama taken by the rebels')", () => {
    expect(roles("was Hama taken by the rebels?", "capture")).toMatchObject({
      agent: ["insurg"],
      object: ["@hama"],
    });
  });

  it("reads an undergoer's subject as what it happened to ('Hama fell to the rebels')", () => {
    expect(roles("hama fell to the rebels", "capture")).toMatchObject({
      agent: ["insurg"],
      object: ["@hama"],
    });
  });

  it("reads 'under rebel control': the rebels hold, Hama is held", () => {
    const r = roles("is hama under rebel control now", "control");
    expect(r.agent).toEqual(["insurg"]);
    expect(r.either).toContain("@hama");
  });

  it("reads 'forces under X killed…' with X among the doers, in the clause after 'when'", () => {
    const text =
      "The city is known for a massacre, when the army under Mr Assad’s late father, Hafez Assad, killed thousands.";
    const statement = readActions(
      engine.analyzer.analyze(text),
      engine.vocabulary,
      engine.claims.isParticipant,
      {
        statement: true,
      },
    );
    const killed = statement.actions.find((a) => a.words === "killed");
    expect(killed && rolesFor(killed, "kill").agent).toEqual(
      expect.arrayContaining(["armi", "@hafez-assad"]),
    );
    expect(killed && rolesFor(killed, "kill").agent).not.toContain("citi");
    // …so "did Hafez Assad die?" (Hafez the one it happened to) is not what the sentence says.
    expect(roles("when did hafez assad die", "kill").object).toContain("@hafez-assad");
  });

  it("reads what a sentence says only may happen as conditional: 'if Hama falls', 'is likely to take'", () => {
    const conditional = (text: string, action: string) =>
      readActions(engine.analyzer.analyze(text), engine.vocabulary, engine.claims.isParticipant, {
        statement: true,
      }).actions.find((a) => a.actions.includes(action))?.conditional;
    expect(conditional("If Hama falls, the regime will be next.", "capture")).toBe(true);
    expect(conditional("The insurgents are likely to take Homs.", "capture")).toBe(true);
    expect(conditional("The insurgents took Hama on Thursday.", "capture")).toBe(false);
  });

  it("reads a name after 'before' as a time anchor, not a role, and 'now' as asking about the present", () => {
    const reading = read("what city fell before hama");
    expect(reading.anchors).toMatchObject([{ relation: "before", terms: ["@hama"], event: false }]);
    expect(read("is assad still in power").present).toBe(true);
  });

  it("reads negation ('why didn't russia save assad')", () => {
    expect(read("why didn't russia save assad").actions[0]?.negated).toBe(true);
  });

  it("stops a clause's roles at a word that opens another ('…mean for Assad')", () => {
    expect(roles("what does taking hama mean for assad", "capture").either).not.toContain("@bashar-assad");
  });
});
