/**
 * `jfrog-oidc-rollout audit --org NAME [--format table|json]`: JFrog's side of the org's trust, read-only. Lists
 * every identity mapping of the org's integration (global, and the policy's project when it has one), judges
 * them, and shows per repository which mappings decide its tokens before the app's. Exit code: 0 clean,
 * 1 findings of severity error or shadowed repositories, 2 bad usage or a source that could not be read.
 * The sources are passed in (the composition root builds them from the JFrog client and GitHub).
 */
import { auditIntegration } from "../audit/jfrog/analyze-integration.js";
import {
  renderIntegrationAuditJson,
  renderIntegrationAuditTable,
  shadowedRepositories,
} from "../audit/jfrog/render-integration-audit.js";
import type { AuditedRepository } from "../audit/jfrog/repository-token.js";
import type { Policy } from "../config/policy-schema.js";
import type { JFrogScope } from "../jfrog/client.js";
import type { IdentityMapping } from "../jfrog/types.js";

export interface AuditSources {
  loadPolicy(org: string): Promise<Policy>;
  listRepositories(org: string): Promise<AuditedRepository[]>;
  listMappings(provider: string, scope?: JFrogScope): Promise<IdentityMapping[]>;
  ownedByApp(mapping: IdentityMapping): boolean;
}

export interface AuditOptions {
  org: string;
  format: "table" | "json";
}

export const AUDIT_USAGE = "usage: jfrog-oidc-rollout audit --org NAME [--format table|json]";

export function parseAuditArgs(argv: readonly string[]): AuditOptions | { error: string } {
  let org: string | undefined;
  let format: string = "table";
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? "").split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (flag === "--org") org = value;
    else if (flag === "--format") format = value ?? "";
    else return { error: `unknown argument ${JSON.stringify(argv[i - (inline === undefined ? 1 : 0)])}` };
  }
  if (!org || !/^[A-Za-z0-9-]{1,39}$/.test(org)) return { error: "--org must name a GitHub organization" };
  if (format !== "table" && format !== "json") return { error: "--format must be table or json" };
  return { org, format };
}

export async function auditCommand(
  argv: readonly string[],
  sources: AuditSources,
  out: { write(text: string): void; error(text: string): void },
): Promise<number> {
  const options = parseAuditArgs(argv);
  if ("error" in options) {
    out.error(`${options.error}\n${AUDIT_USAGE}`);
    return 2;
  }
  try {
    const policy = await sources.loadPolicy(options.org);
    const provider = policy.provider.name;
    const [global, project, repositories] = await Promise.all([
      sources.listMappings(provider),
      policy.projectKey
        ? sources.listMappings(provider, { projectKey: policy.projectKey })
        : Promise.resolve([]),
      sources.listRepositories(options.org),
    ]);
    // A project listing may echo global mappings too (see shared/reference/jfrog-access-oidc.md): one entry each.
    const projectOnly = project
      .filter((p) => !global.some((g) => g.name === p.name))
      .map((p) => ({ ...p, project_key: p.project_key ?? policy.projectKey }));
    const audit = auditIntegration({
      mappings: [...global, ...projectOnly],
      repositories,
      issuer: policy.provider.issuer,
      policyExpiresIn: policy.token.expiresIn,
      ownedByApp: sources.ownedByApp,
    });
    out.write(
      options.format === "json"
        ? renderIntegrationAuditJson(audit, provider)
        : renderIntegrationAuditTable(audit, provider),
    );
    const errors = audit.mappings.some((m) => m.findings.some((f) => f.severity === "error"));
    return errors || shadowedRepositories(audit).length > 0 ? 1 : 0;
  } catch (error) {
    // Fail closed: an unreadable policy, JFrog or GitHub is an error, never an empty (clean-looking) report.
    out.error(`audit of ${options.org} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
