/**
 * The architecture as rules (`npm run deps`, part of `npm test`): each layer imports only the
 * layers below it, nothing imports in a circle, the product never reaches into the tests, the
 * bench or the emulator's insides, and the emulator never reaches into the product.
 *
 *   entry points   src/main.ts, src/startSharded.ts, src/cli/
 *   faces          commands/, src/playground/ (commands may not import the playground)
 *   adapters       src/discord/, src/terminal/ (neither imports the other)
 *   tools & ops    src/curation/, src/evaluation/, src/ops/
 *   view           src/view/           what a reply shows, for every renderer
 *   engine         src/engine/         deciding an answer
 *   knowledge      src/knowledge/      the store: loading, checking, adding reports
 *   language       src/language/       words of English, read with wink-nlp
 *   project        src/project/, src/types/
 */
const LAYERS = [
  ["project", "^src/(project|types)/"],
  ["language", "^src/language/"],
  ["knowledge", "^src/knowledge/"],
  ["engine", "^src/engine/"],
  ["view", "^src/view/"],
  ["tools & ops", "^src/(curation|evaluation|ops)/"],
  ["adapters", "^src/(discord|terminal)/"],
  ["faces", "^(commands|src/playground)/"],
  ["entry points", "^src/(cli/|[^/]+$)"],
];

const upward = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `${name}-imports-above`,
  comment: `${name} may import only the layers below it`,
  severity: "error",
  from: { path },
  to: { path: LAYERS.slice(i + 1).map(([, above]) => above) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "adapters-import-each-other",
      comment: "the Discord and terminal renderers each read the view; neither imports the other",
      severity: "error",
      from: { path: "^src/discord/" },
      to: { path: "^src/terminal/" },
    },
    {
      name: "terminal-imports-discord",
      severity: "error",
      from: { path: "^src/terminal/" },
      to: { path: "^src/discord/" },
    },
    {
      name: "commands-import-playground",
      severity: "error",
      from: { path: "^commands/" },
      to: { path: "^src/playground/" },
    },
    {
      name: "product-imports-tests-or-bench",
      severity: "error",
      from: { path: "^(src|commands|packages)/" },
      to: { path: "^(tests|bench)/" },
    },
    {
      name: "emulator-only-for-the-playground",
      comment: "the bot runs against Discord; only the playground (and tests, bench) start the emulator",
      severity: "error",
      from: { path: "^(src|commands)/", pathNot: "^src/playground/" },
      to: { path: "^packages/loopback-discord/" },
    },
    {
      name: "emulator-through-its-public-api",
      severity: "error",
      from: { pathNot: "^packages/loopback-discord/" },
      to: { path: "^packages/loopback-discord/src/", pathNot: "^packages/loopback-discord/src/index\\.ts$" },
    },
    {
      name: "emulator-imports-the-product",
      severity: "error",
      from: { path: "^packages/loopback-discord/" },
      to: { path: "^(src|commands|tests|bench)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "default"] },
  },
};
