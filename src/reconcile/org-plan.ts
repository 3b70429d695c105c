/**
 * plan(org) → org actions. PURE, like the repository planner (plan.ts): the org's JFrog OIDC integration as read,
 * against the policy, gives one of three answers, which dry runs, `status`, the CLI plan and the policy preview
 * print the same way:
 *   - it exists and matches: nothing to do;
 *   - it is missing and the policy says `provider.manage: create`: create it, with exactly these fields;
 *   - it is missing (and not the app's to create) or differs: refused, with the reasons. The app never overwrites
 *     an integration, and writes nothing for the org's repositories until an admin fixes it (fail closed).
 * The create is carried out by apply-org-plan.ts, never while reading.
 */
import type { Policy } from "../config/policy-schema.js";
import type { OidcIntegration } from "../jfrog/types.js";
import { unreachable } from "../unreachable.js";
import { desiredIntegration, integrationMismatches } from "./verify-integration.js";

/** Writes at the org's level: apply carries them out before any of the org's repository writes. */
export type OrgAction = { kind: "create-integration"; integration: OidcIntegration };

export interface OrgObserved {
  org: string;
  policy: Policy;
  /** The integration JFrog has under the policy's provider name, or null. */
  integration: OidcIntegration | null;
}

export type OrgPlan =
  | { org: string; provider: string; state: "integration-matches"; actions: OrgAction[] }
  | { org: string; provider: string; state: "create-integration"; actions: OrgAction[] }
  | { org: string; provider: string; state: "refused"; problems: string[]; actions: OrgAction[] };

export function planOrg({ org, policy, integration }: OrgObserved): OrgPlan {
  const want = desiredIntegration(org, policy);
  const provider = want.name;
  if (integration) {
    const problems = integrationMismatches(integration, want);
    return problems.length
      ? { org, provider, state: "refused", problems, actions: [] }
      : { org, provider, state: "integration-matches", actions: [] };
  }
  if (policy.provider.manage === "create")
    return {
      org,
      provider,
      state: "create-integration",
      actions: [{ kind: "create-integration", integration: want }],
    };
  return {
    org,
    provider,
    state: "refused",
    problems: [
      `the JFrog OIDC integration "${want.name}" does not exist: create it in JFrog (provider type GitHub, ` +
        `issuer ${want.issuer_url}, audience ${want.audience}, organization ${org}) or set provider.manage: create`,
    ],
    actions: [],
  };
}

/** The org plan's integration in one line, for logs, `status`, the CLI and the policy preview. */
export function describeOrgPlan(orgPlan: OrgPlan): string {
  const where = `the JFrog OIDC integration "${orgPlan.provider}"`;
  switch (orgPlan.state) {
    case "integration-matches":
      return `${where} exists and matches the org policy`;
    case "create-integration":
      return `${where} will be created (provider.manage: create)`;
    case "refused":
      // Each problem names the integration already.
      return `JFrog and the org policy differ: ${orgPlan.problems.join("; ")}`;
    default:
      return unreachable(orgPlan);
  }
}

/** One org action in words (what a dry run would do, or what apply did). */
export function describeOrgAction(action: OrgAction): string {
  switch (action.kind) {
    case "create-integration": {
      const i = action.integration;
      return (
        `create the JFrog OIDC integration "${i.name}" (provider type ${i.provider_type}, issuer ${i.issuer_url}, ` +
        `audience ${i.audience}, organization ${i.organization}${i.project_key ? `, project ${i.project_key}` : ""})`
      );
    }
    default:
      return unreachable(action.kind);
  }
}
