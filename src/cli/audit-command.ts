/**
 * `jfrog-oidc-rollout audit --org NAME [--format table|json]`: JFrog's side of the org's trust, read-only. Lists
 * every identity mapping of the org's integration (global, and the policy's project when it has one), judges
 * them, and shows per repository which mappings decide its tokens before the app's. Exit code: 0 clean,
 * 1 findings of severity error or shadowed repositories, 2 a source that could not be read (bad usage is refused
 * by `parseCommand` before).
 * The sources are passed in (the composition root builds them from the JFrog client and GitHub).
 */
import { auditIntegration } from "../audit/jfrog/analyze-integration.js";
import { listIntegrationMappings } from "../audit/jfrog/integration-mappings.js";
import {
  renderIntegrationAuditJson,
  renderIntegrationAuditTable,
  shadowedRepositories,
} from "../audit/jfrog/render-integration-audit.js";
import type { AuditedRepository } from "../audit/jfrog/repository-token.js";
import type { Policy } from "../config/policy-schema.js";
import type { JFrogScope } from "../jfrog/client.js";
import type { IdentityMapping } from "../jfrog/types.js";
import type { AuditCommand } from "./args.js";

export interface AuditSources {
  loadPolicy(org: string): Promise<Policy>;
  listRepositories(org: string): Promise<AuditedRepository[]>;
  listMappings(provider: string, scope?: JFrogScope): Promise<IdentityMapping[]>;
  ownedByApp(mapping: IdentityMapping): boolean;
}

export async function auditCommand(
  options: Pick<AuditCommand, "org" | "format">,
  sources: AuditSources,
  out: { write(text: string): void; error(text: string): void },
): Promise<number> {
  try {
    const policy = await sources.loadPolicy(options.org);
    const provider = policy.provider.name;
    const [mappings, repositories] = await Promise.all([
      listIntegrationMappings((name, scope) => sources.listMappings(name, scope), policy),
      sources.listRepositories(options.org),
    ]);
    const audit = auditIntegration({
      mappings,
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
