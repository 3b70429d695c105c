/**
 * The CLI without the process: arguments, environment and output streams in, exit code out, so it is tested as
 * run. Every failure a person can fix is one clear line (or a short list) on stderr and exit code 1; never a stack
 * trace, never a secret (the settings and the JFrog client keep tokens out of every message).
 */
import { JFrogClient, type JFrogClientOptions } from "../jfrog/client.js";
import { JFrogError } from "../jfrog/errors.js";
import { loadCliSettings, SettingsError } from "../settings.js";
import { type Format, parseCommand, USAGE } from "./args.js";
import { auditCommand } from "./audit-command.js";
import { auditSources } from "./audit-sources.js";
import { CliError } from "./cli-error.js";
import { renderJson, renderTable } from "./format-plan.js";
import { renderTerraform } from "./format-terraform.js";
import { githubProblem, installationOctokit } from "./github-app.js";
import { type OrganizationPlan, planOrganization } from "./plan-organization.js";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliOptions {
  /** Tests shorten JFrog's retries; production keeps the client's defaults. */
  jfrogClientOptions?: Partial<JFrogClientOptions>;
}

const RENDER: Record<Format, (plan: OrganizationPlan) => string> = {
  table: renderTable,
  json: renderJson,
  terraform: renderTerraform,
};

export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliIo,
  options: CliOptions = {},
): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command === "help") {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const { settings, warnings } = loadCliSettings(env);
    for (const warning of warnings) io.err(`warning: ${warning}\n`);
    const octokit = await installationOctokit(settings.github, command.org);
    const jfrog = new JFrogClient({
      baseUrl: settings.jfrogUrl,
      token: settings.jfrogToken,
      ...options.jfrogClientOptions,
    });
    if (command.command === "audit")
      return await auditCommand(command, auditSources(octokit, jfrog), {
        write: io.out,
        error: (text) => io.err(`jfrog-oidc-rollout: ${text}\n`),
      });
    let orgPlan: OrganizationPlan;
    try {
      orgPlan = await planOrganization({ octokit, jfrog, jfrogUrl: settings.jfrogUrl }, command.org);
    } catch (error) {
      if (error instanceof CliError || error instanceof JFrogError) throw error;
      throw githubProblem(error, command.org);
    }
    io.out(RENDER[command.format](orgPlan));
    return 0;
  } catch (error) {
    io.err(`jfrog-oidc-rollout: ${problem(error)}\n`);
    return 1;
  }
}

function problem(error: unknown): string {
  if (error instanceof CliError || error instanceof SettingsError) return error.message;
  // JFrog's messages name JFrog and the operation already ("JFrog unreachable while trying to …").
  if (error instanceof JFrogError) return error.message;
  // Not a known failure: still one line, without the stack (run with NODE_DEBUG if it must be seen).
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
