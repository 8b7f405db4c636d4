// `npm run build`: bundles the bot's entry points to dist/ with esbuild. Dependencies stay
// imports (resolved from node_modules at run time), except the project's own workspace packages
// (TypeScript sources), which are bundled; dist/meta.json lists what each bundle imports, which
// the tests check against the production dependencies.
import { build } from "esbuild";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

// `--outdir DIR` builds elsewhere (the tests build to a folder of their own).
const outdir = parseArgs({ options: { outdir: { type: "string" } } }).values.outdir ?? "dist";

/** @typedef {{ name: string, workspaces?: string[], dependencies?: Record<string, string> }} Manifest */
/** @param {string} file @returns {Manifest} */
function manifest(file) {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- package.json, as npm reads it
  /** @type {Manifest} */ const parsed = JSON.parse(readFileSync(file, "utf8"));
  return parsed;
}
const root = manifest("package.json");
// The workspace packages ("packages/*": every folder below).
const workspaceManifests = (root.workspaces ?? []).flatMap((pattern) => {
  const folder = pattern.replace(/\/\*$/, "");
  return readdirSync(folder).map((name) => manifest(path.join(folder, name, "package.json")));
});
const workspaces = new Set(workspaceManifests.map((m) => m.name));
// Every production dependency, the workspaces' own included, stays an import.
const external = [root, ...workspaceManifests]
  .flatMap((m) => Object.keys(m.dependencies ?? {}))
  .filter((name) => !workspaces.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const result = await build({
  entryPoints: {
    main: "src/main.ts",
    startSharded: "src/startSharded.ts",
    "cli/ask": "src/cli/ask.ts",
    "cli/city": "src/cli/city.ts",
    "cli/deployCommands": "src/cli/deployCommands.ts",
    "cli/checkKnowledge": "src/cli/checkKnowledge.ts",
    "cli/addReport": "src/cli/addReport.ts",
    "cli/draftFacts": "src/cli/draftFacts.ts",
  },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external,
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
});
writeFileSync(path.join(outdir, "meta.json"), JSON.stringify(result.metafile));
process.stdout.write(
  `built ${Object.keys(result.metafile.outputs).filter((o) => o.endsWith(".js")).length} bundles in ${outdir}/\n`,
);
