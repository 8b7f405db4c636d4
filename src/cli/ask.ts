/** `npm run --silent ask -- "<question>" [--json] [--batch]`: ask the engine from a terminal. */
import { createFactdesk } from "../engine/factdesk.ts";
import { loadKnowledge } from "../knowledge/loadKnowledge.ts";
import { loadDotenv, readEngineConfig } from "../config.ts";
import { replyJson } from "../render/replyJson.ts";
import { explainReply, renderReplyText } from "../render/renderText.ts";
import { runCli } from "./runCli.ts";

loadDotenv();
process.exitCode = await runCli({
  usage:
    'Usage: npm run --silent ask -- "<question>" [--json] [--explain] | npm run --silent ask -- --batch < questions.txt',
  setup: () => {
    const factdesk = createFactdesk(loadKnowledge(readEngineConfig().knowledgeDir));
    return {
      run: (question) => factdesk.answer(question),
      renderText: (reply) => renderReplyText(reply, factdesk.store.sources),
    };
  },
  renderJson: replyJson,
  explain: explainReply,
});
