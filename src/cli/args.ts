/** `jfrog-oidc-rollout plan|audit --org NAME [--format …]`: both read-only. */
import { parseArgs } from "node:util";
import { CliError } from "./cli-error.js";

export const FORMATS = ["table", "json", "terraform"] as const;
export type Format = (typeof FORMATS)[number];

export interface PlanCommand {
  command: "plan";
  org: string;
  format: Format;
}

export const AUDIT_FORMATS = ["table", "json"] as const;

export interface AuditCommand {
  command: "audit";
  org: string;
  format: (typeof AUDIT_FORMATS)[number];
}

export type Command = PlanCommand | AuditCommand;

export const USAGE = [
  "Usage: jfrog-oidc-rollout plan --org NAME [--format table|json|terraform]",
  "       jfrog-oidc-rollout audit --org NAME [--format table|json]",
  "",
  "plan:  prints what a rollout would do for every repository of the organization, writing nothing.",
  "audit: judges every identity mapping of the org's JFrog integration and shows, per repository, the mappings",
  "       that decide its tokens before the app's (exit 1 when there are errors or shadowed repositories).",
  "Credentials come from the environment, as for the app: APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,",
  "JFROG_URL, JFROG_ACCESS_TOKEN or JFROG_ACCESS_TOKEN_FILE, and GHE_HOST (GHE_PROTOCOL) for GitHub Enterprise Server.",
].join("\n");

/** `help` for `--help`/no arguments; throws CliError with the usage for anything else it cannot read. */
export function parseCommand(argv: readonly string[]): Command | "help" {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return "help";
  let parsed: ReturnType<typeof read>;
  try {
    parsed = read(argv);
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const [command, ...rest] = parsed.positionals;
  if ((command !== "plan" && command !== "audit") || rest.length > 0)
    throw new CliError(`Unknown command ${JSON.stringify(parsed.positionals.join(" "))}\n\n${USAGE}`);
  const org = parsed.values.org?.trim();
  if (!org) throw new CliError(`--org is required\n\n${USAGE}`);
  // GitHub logins: letters, digits and single hyphens; anything else cannot be an organization.
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(org))
    throw new CliError(`--org ${JSON.stringify(org)} is not a GitHub organization name`);
  const format = parsed.values.format ?? "table";
  const formats: readonly string[] = command === "plan" ? FORMATS : AUDIT_FORMATS;
  if (!formats.includes(format))
    throw new CliError(`--format must be one of ${formats.join(", ")} (got ${JSON.stringify(format)})`);
  return command === "plan"
    ? { command, org, format: format as Format }
    : { command, org, format: format as AuditCommand["format"] };
}

function read(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { org: { type: "string" }, format: { type: "string" } },
  });
}
