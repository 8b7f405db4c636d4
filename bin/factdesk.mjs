#!/usr/bin/env node
// Runs one of factdesk's entry points: the bundle in dist/ where `npm run build` made one, the
// TypeScript sources through tsx otherwise. `node bin/factdesk.mjs main` is `npm start`; a
// container runs it as its first process, so signals reach the bot itself.
//
// A bundle older than the sources beside it (a checkout that changed since the last build)
// would run yesterday's code on today's data: then the sources run, with a line saying so. A
// production install has no sources to compare with, and runs its bundle.
import { existsSync, readdirSync, statSync } from "node:fs";

const entry = process.argv[2] ?? "main";
process.argv.splice(2, 1);
const bundle = new URL(`../dist/${entry}.js`, import.meta.url);

/** The newest modification time of the files below a folder (0 when it does not exist). @param {string} folder */
function newest(folder) {
  const url = new URL(folder, import.meta.url);
  if (!existsSync(url)) return 0;
  return readdirSync(url, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .reduce((latest, f) => Math.max(latest, statSync(`${f.parentPath}/${f.name}`).mtimeMs), 0);
}

const sources = ["../src/", "../commands/", "../packages/"];
const stale =
  existsSync(bundle) &&
  existsSync(new URL(`../src/${entry}.ts`, import.meta.url)) &&
  Math.max(...sources.map(newest)) > statSync(bundle).mtimeMs;
/** tsx, to run the sources; null in a production install, which has only the bundle. */
async function sourceRunner() {
  try {
    return await import("tsx/esm/api");
  } catch {
    return null;
  }
}

const tsx = existsSync(bundle) && !stale ? null : await sourceRunner();
if (stale && tsx)
  process.stderr.write(
    "factdesk: dist/ is older than the sources; running the sources (npm run build to refresh it)\n",
  );
else if (stale)
  process.stderr.write(
    "factdesk: dist/ is older than the sources, but tsx is not installed; running dist/\n",
  );
if (tsx) {
  tsx.register();
  await import(new URL(`../src/${entry}.ts`, import.meta.url).href);
} else {
  await import(bundle.href);
}
