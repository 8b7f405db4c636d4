#!/usr/bin/env node
// Runs one of factdesk's entry points: the bundle in dist/ where `npm run build` made one, the
// TypeScript sources through tsx otherwise. `node bin/factdesk.mjs main` is `npm start`; a
// container runs it as its first process, so signals reach the bot itself.
import { existsSync } from "node:fs";

const entry = process.argv[2] ?? "main";
process.argv.splice(2, 1);
const bundle = new URL(`../dist/${entry}.js`, import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL(`../src/${entry}.ts`, import.meta.url).href);
}
