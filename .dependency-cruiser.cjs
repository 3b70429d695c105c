/**
 * Import boundaries (`npm run boundaries`, run by CI): arrows point down only.
 *
 *   handlers → commands → rollout → reconcile → audit → workflow / github / jfrog / config → logger
 *
 * (the design notes, "Where things live"; the composition root and the entry points in src/*.ts sit on top.) The sandbox
 * and the benchmark build the app like production does, but nothing in the app may import them: they are not
 * shipped (tsconfig.build.json leaves them out, tsconfig.dev.json builds them into dist-dev/).
 *
 * dependency-cruiser reads TypeScript through swc here (`parser: "swc"`): it does not load TypeScript 7's compiler.
 * Type-only imports count: a type that points up is a circle all the same.
 */
const APP = "^src/(?!sandbox/|bench/)";
const ABOVE_RECONCILE =
  "^src/(handlers|commands|rollout|ops|cli)/|^src/(compose|index|main|start|serve)\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Two modules that import each other (types included): move what they share to the lower one.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-folder-circular",
      comment:
        "Folders that import each other, even through different files: one of them is on the wrong floor.",
      scope: "folder",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "app-does-not-import-dev-tools",
      comment: "The sandbox and the benchmark are not shipped: nothing in the app may need them.",
      severity: "error",
      from: { path: APP },
      to: { path: "^src/(sandbox|bench)/" },
    },
    {
      name: "app-does-not-import-dev-dependencies",
      comment:
        "The image installs production dependencies only (npm ci --omit=dev): types are all the app may take.",
      severity: "error",
      // The generated GraphQL types import one type from a dev package (codegen's useTypeImports); the parser
      // used here does not mark that import type-only, so the file is named instead.
      from: { path: APP, pathNot: "\\.generated\\.ts$" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "handlers-are-the-top",
      comment: "Handlers describe work and enqueue it: nothing below calls them.",
      severity: "error",
      from: { path: "^src/(commands|rollout|reconcile|audit|workflow|github|jfrog|config|ops|cli)/" },
      to: { path: "^src/handlers/" },
    },
    {
      name: "rollout-below-commands",
      comment:
        "Commands read and steer the rollout; the worker runs a command job through what compose.ts passes in.",
      severity: "error",
      from: { path: "^src/rollout/" },
      to: { path: "^src/commands/" },
    },
    {
      name: "reconcile-below-rollout",
      comment: "reconcile/ plans and applies one repository: the queue, commands and handlers are above it.",
      severity: "error",
      from: { path: "^src/reconcile/" },
      to: { path: ABOVE_RECONCILE },
    },
    {
      name: "lower-floors-stay-down",
      comment: "audit, workflow, github, jfrog and config know nothing of reconcile or anything above it.",
      severity: "error",
      from: { path: "^src/(audit|workflow|github|jfrog|config)/" },
      to: { path: `^src/reconcile/|${ABOVE_RECONCILE}` },
    },
    {
      name: "audit-above-github",
      comment:
        "The workflow audit reports through GitHub (check runs, quoting): github/ knows nothing of audits.",
      severity: "error",
      from: { path: "^src/(workflow|github|jfrog|config)/" },
      to: { path: "^src/audit/" },
    },
    {
      name: "config-below-github",
      comment: "config/ reads its files with the client it is given, and Octokit's own error type.",
      severity: "error",
      from: { path: "^src/config/" },
      to: { path: "^src/(github|workflow)/" },
    },
    {
      name: "logger-at-the-bottom",
      severity: "error",
      from: { path: "^src/logger\\.ts$" },
      to: { path: "^src/" },
    },
    {
      name: "catalog-is-a-leaf",
      comment:
        "The command table is what parsing, help and authorization read: it reads nothing else in commands/.",
      severity: "error",
      from: { path: "^src/commands/catalog\\.ts$" },
      to: { path: "^src/commands/", pathNot: "^src/commands/(catalog|option-values)\\.ts$" },
    },
    {
      name: "no-unresolvable",
      comment: "An import that resolves to nothing is a typo dependency-cruiser would otherwise skip.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: "swc",
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/config/schema/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
