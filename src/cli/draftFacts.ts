/**
 * `npm run knowledge:draft -- ID`: writes draft facts for one report to knowledge/drafts/ID.yaml
 * — one fact per sentence with its answer types, the claims the NLP reads from it, and the
 * names it uses (marked `new` where the store has no entity or place of that name) — for the
 * curator to edit and move into facts.yaml, claims.yaml, entities.yaml and places.yaml.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { ConfigError, loadDotenv, readEngineConfig } from "../ops/config.ts";
import { AnswerEngine } from "../engine/answerEngine.ts";
import { readActions, rolesFor } from "../engine/readActions.ts";
import { isNameTerm, isStopWord } from "../engine/textAnalysis.ts";
import { KnowledgeError, loadKnowledge } from "../knowledge/loadKnowledge.ts";
import { englishLanguage } from "../language/englishLanguage.ts";
import { englishWords } from "../language/englishWords.ts";
import { readNames } from "../language/readNames.ts";
import { answerTypesOf, headlineOf } from "../language/sentenceShape.ts";
import { exitQuietlyWhenOutputCloses } from "./closedPipe.ts";

loadDotenv();
exitQuietlyWhenOutputCloses();
const fail = (message: string) => {
  process.stderr.write(`factdesk: ${message}\n`);
  process.exitCode = 2;
};
const id = process.argv[2];
try {
  const dir = readEngineConfig().knowledgeDir;
  const store = loadKnowledge(dir);
  const source = store.sources.find((s) => s.id === id);
  if (id === undefined) fail("Usage: npm run knowledge:draft -- ID (a source id of sources.yaml)");
  else if (!source)
    fail(`no report "${id}" in ${path.join(dir, "sources.yaml")} (add it with npm run knowledge:add)`);
  else {
    const engine = new AnswerEngine(store);
    const words = englishWords();
    const known = new Set(
      [...store.entities.filter((e) => e.kind !== "unknown"), ...store.places.filter((p) => !p.read)]
        .flatMap((e) => [e.name, ...e.aliases])
        .map((n) => n.toLowerCase()),
    );
    const names = readNames(
      [...source.sentences.map((s) => s.text), ...source.captions.map((c) => c.text)],
      (w) => words.has(w),
      englishLanguage().worldNames,
    );
    const facts = source.sentences.map((sentence) => {
      const analysis = engine.analyzer.analyze(sentence.text);
      const reading = readActions(
        analysis,
        engine.vocabulary,
        (term) => isNameTerm(term) || !isStopWord(term),
      );
      const surface = (terms: readonly string[]) => terms.map((t) => analysis.surface.get(t) ?? t);
      const claims = reading.actions.flatMap((a) =>
        a.actions.map((action) => {
          const roles = rolesFor(a, action);
          return {
            action,
            ...(roles.agent.length > 0 || roles.either.length > 0
              ? { agent: surface([...roles.agent, ...roles.either]) }
              : {}),
            ...(roles.object.length > 0 ? { object: surface(roles.object) } : {}),
            ...(a.negated ? { negated: true } : {}),
          };
        }),
      );
      return {
        fact: {
          id: `${source.id}-s${sentence.number}`,
          headline: headlineOf(sentence.text),
          answers: answerTypesOf(sentence.text),
          questions: ["(write the ways a member would ask this; the first is offered as a suggestion)"],
          cites: [{ sentence: sentence.id, quote: sentence.text }],
        },
        claims: { sentence: sentence.id, claims },
      };
    });
    const draft = {
      facts: facts.map((f) => f.fact),
      claims: facts.map((f) => f.claims),
      names: names.map((n) => ({
        name: n.name,
        ...(n.aliases.length > 0 ? { aliases: n.aliases } : {}),
        ...(n.kind ? { kind: n.kind } : {}),
        new: !known.has(n.name.toLowerCase()),
      })),
    };
    const out = path.join(dir, "drafts", `${source.id}.yaml`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(
      out,
      `# Draft facts for ${source.id} (${source.publisher}, ${source.date}), written by npm run knowledge:draft.\n` +
        "# Edit, then move: facts → facts.yaml, claims → claims.yaml, new names → entities.yaml / places.yaml.\n" +
        YAML.stringify(draft, { lineWidth: 0 }),
    );
    process.stdout.write(
      `wrote ${out}: ${draft.facts.length} facts, ${draft.claims.reduce((n, c) => n + c.claims.length, 0)} claims, ${draft.names.filter((n) => n.new).length} new names\n`,
    );
  }
} catch (error) {
  if (error instanceof KnowledgeError || error instanceof ConfigError) fail(error.message);
  else throw error;
}
