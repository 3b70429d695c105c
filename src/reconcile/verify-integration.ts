/**
 * The org's JFrog OIDC integration must trust GitHub's issuer for this organization with the policy's audience,
 * or every workflow the app generates would be refused. What the policy asks of it, and how an existing one
 * differs; org-plan.ts decides from these (created only when the policy says `manage: create`, never overwritten).
 */
import type { Policy } from "../config/policy-schema.js";
import type { OidcIntegration } from "../jfrog/types.js";
import { OWNERSHIP_MARKER } from "./desired-mapping.js";

export interface IntegrationApi {
  getIntegration(name: string): Promise<OidcIntegration | null>;
  createIntegration(integration: OidcIntegration): Promise<unknown>;
}

export function desiredIntegration(org: string, policy: Policy): OidcIntegration {
  const integration: OidcIntegration = {
    name: policy.provider.name,
    issuer_url: policy.provider.issuer,
    provider_type: "GitHub",
    audience: policy.provider.audience,
    organization: org,
    description: `${OWNERSHIP_MARKER} GitHub Actions of the ${org} organization`,
  };
  if (policy.projectKey) integration.project_key = policy.projectKey;
  return integration;
}

export function integrationMismatches(have: OidcIntegration, want: OidcIntegration): string[] {
  const problems: string[] = [];
  const where = `the JFrog OIDC integration "${want.name}"`;
  if (have.issuer_url !== want.issuer_url)
    problems.push(
      `${where} trusts issuer ${JSON.stringify(have.issuer_url)}, the policy expects ${JSON.stringify(want.issuer_url)}` +
        (have.issuer_url?.replace(/\/+$/, "") === want.issuer_url ? " (remove the trailing slash)" : ""),
    );
  if (have.provider_type !== "GitHub" && have.provider_type !== "GitHub Enterprise")
    problems.push(`${where} has provider type ${JSON.stringify(have.provider_type)}, expected "GitHub"`);
  if ((have.audience ?? "") !== want.audience)
    problems.push(
      `${where} has audience ${JSON.stringify(have.audience ?? "")}, the policy says ${JSON.stringify(want.audience)}: ` +
        'JFrog refuses tokens whose audience differs ("Invalid audience")',
    );
  const org = have.organization ?? "";
  if (
    org.toLowerCase() !== (want.organization ?? "").toLowerCase() &&
    !(org === "" && have.enable_permissive_configuration)
  )
    problems.push(
      `${where} is for organization ${JSON.stringify(org)}, expected ${JSON.stringify(want.organization)}`,
    );
  return problems;
}
