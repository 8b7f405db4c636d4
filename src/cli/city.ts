/** `npm run --silent city -- "<name>" [--json] [--batch]`: look up a place from a terminal. */
import { PlaceDirectory } from "../engine/lookupPlace.ts";
import { loadKnowledge } from "../knowledge/loadKnowledge.ts";
import { loadDotenv, readEngineConfig } from "../config.ts";
import { placeJson } from "../render/replyJson.ts";
import { renderPlaceText } from "../render/renderText.ts";
import { runCli } from "./runCli.ts";

loadDotenv();
process.exitCode = await runCli({
  usage: 'Usage: npm run --silent city -- "<name>" [--json] | npm run --silent city -- --batch < names.txt',
  setup: () => {
    const places = new PlaceDirectory(loadKnowledge(readEngineConfig().knowledgeDir));
    return { run: (name) => places.lookup(name), renderText: renderPlaceText };
  },
  renderJson: placeJson,
});
