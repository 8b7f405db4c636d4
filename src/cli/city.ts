/** `npm run --silent city -- "<name>" [--json] [--batch]`: look up a place from a terminal. */
import { PlaceDirectory } from "../engine/lookupPlace.ts";
import { loadKnowledge } from "../knowledge/loadKnowledge.ts";
import { loadDotenv, readEngineConfig } from "../ops/config.ts";
import { placeJson } from "../terminal/replyJson.ts";
import { renderPlaceText } from "../terminal/renderText.ts";
import { viewPlace } from "../view/replyView.ts";
import { runCli } from "./runCli.ts";

loadDotenv();
process.exitCode = await runCli({
  usage: 'Usage: npm run --silent city -- "<name>" [--json] | npm run --silent city -- --batch < names.txt',
  setup: () => {
    const places = new PlaceDirectory(loadKnowledge(readEngineConfig().knowledgeDir));
    return { run: (name) => viewPlace(places.lookup(name)), renderText: renderPlaceText };
  },
  renderJson: placeJson,
});
