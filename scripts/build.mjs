// `npm run build`: bundles the bot's entry points to dist/ with esbuild. Dependencies stay
// imports (resolved from node_modules at run time); dist/meta.json lists what each bundle imports,
// which the tests check against package.json's production dependencies.
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

// `--outdir DIR` builds elsewhere (the tests build to a folder of their own).
const outdir = parseArgs({ options: { outdir: { type: "string" } } }).values.outdir ?? "dist";

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
  packages: "external",
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
});
writeFileSync(path.join(outdir, "meta.json"), JSON.stringify(result.metafile));
process.stdout.write(
  `built ${Object.keys(result.metafile.outputs).filter((o) => o.endsWith(".js")).length} bundles in ${outdir}/\n`,
);
