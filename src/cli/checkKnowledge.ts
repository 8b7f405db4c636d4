/**
 * `npm run knowledge:check`: validates the knowledge store (exit 2 with one line naming the
 * file, entry and problem) and prints how far each report is curated. Exit 1 when the store is
 * valid but two facts share a question.
 */
import { loadDotenv, readEngineConfig, ConfigError } from "../ops/config.ts";
import { createFactdesk } from "../engine/factdesk.ts";
import { checkCoverage } from "../curation/checkCoverage.ts";
import { checkReachability } from "../curation/checkReachability.ts";
import { KnowledgeError, loadKnowledge } from "../knowledge/loadKnowledge.ts";
import { exitQuietlyWhenOutputCloses } from "./closedPipe.ts";

loadDotenv();
exitQuietlyWhenOutputCloses();
try {
  const store = loadKnowledge(readEngineConfig().knowledgeDir);
  const report = checkCoverage(store);
  const out = (line = "") => process.stdout.write(`${line}\n`);
  out(
    `knowledge: valid — ${store.sources.length} source(s), ${store.facts.length} facts, ${store.places.length} places, ${store.entities.length} entities, ${store.synonyms.length} synonym groups`,
  );
  for (const r of report.reports)
    out(
      `report ${r.source}: ${r.sentences} sentences, ${r.cited} cited by curated facts, ${r.claimed} with curated claims${r.cited < r.sentences ? ` — the other ${r.sentences - r.cited} answer as sentences of their own` : ""}`,
    );
  out(
    `coverage: ${report.citedCount}/${report.sentenceCount} report sentences cited by at least one curated fact`,
  );
  out(`uncited sentences: ${report.uncited.length === 0 ? "none" : report.uncited.join(", ")}`);
  if (report.sharedQuestions.length === 0) out("shared questions: none");
  for (const shared of report.sharedQuestions)
    out(`shared question: "${shared.question}" in ${shared.facts.join(", ")}`);
  for (const w of report.typeWarnings)
    out(
      `warning: fact "${w.fact}" answers ${w.type}, but none of its cited sentences shows one (first: ${w.sentence})`,
    );
  for (const w of report.shadowedSynonyms)
    out(
      `warning: synonym "${w.entry}" (group "${w.group}") is read as "${w.readAs}": an earlier group has an entry that stems alike`,
    );
  const reach = checkReachability(createFactdesk(store));
  out(
    `curated questions the engine answers from their own fact's sentence: ${reach.total - reach.unreached.length}/${reach.total}`,
  );
  for (const u of reach.unreached)
    out(
      `  not reached: "${u.question}" (${u.fact}) → ${u.answeredBy === null ? "refused" : `answered by ${u.answeredBy}`}`,
    );
  // A report not yet curated is answered from its sentences: only a question two facts share is an error.
  process.exitCode = report.sharedQuestions.length > 0 ? 1 : 0;
} catch (error) {
  if (!(error instanceof KnowledgeError || error instanceof ConfigError)) throw error;
  process.stderr.write(`factdesk: ${error.message}\n`);
  process.exitCode = 2;
}
