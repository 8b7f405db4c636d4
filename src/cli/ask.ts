/** `npm run --silent ask -- "<question>" [--json] [--batch]`: ask the engine from a terminal. */
import { createFactdesk } from "../engine/factdesk.ts";
import { loadKnowledge } from "../knowledge/loadKnowledge.ts";
import { loadDotenv, readEngineConfig } from "../ops/config.ts";
import { replyJson } from "../terminal/replyJson.ts";
import { explainReply, renderReplyText } from "../terminal/renderText.ts";
import { viewReply } from "../view/replyView.ts";
import { runCli } from "./runCli.ts";

loadDotenv();
process.exitCode = await runCli({
  usage:
    'Usage: npm run --silent ask -- "<question>" [--json] [--explain] | npm run --silent ask -- --batch < questions.txt',
  setup: () => {
    const factdesk = createFactdesk(loadKnowledge(readEngineConfig().knowledgeDir));
    return {
      run: (question) => viewReply(factdesk.answer(question), factdesk.store.sources),
      renderText: renderReplyText,
    };
  },
  renderJson: replyJson,
  explain: (view) => explainReply(view.reply),
});
