/**
 * apply(org plan): the org's own writes, before any of its repositories'. Today one: create the JFrog OIDC
 * integration the policy manages. Once applied, the integration counts as verified for the org (OrgMemory), so the
 * jobs that follow read it again only under the same re-read rules as any verified integration.
 */

import type { Policy } from "../config/policy-schema.js";
import { JFrogError } from "../jfrog/errors.js";
import type { JobLogger } from "../logger.js";
import { unreachable } from "../unreachable.js";
import type { OrgMemory } from "./org-gate.js";
import type { OrgAction, OrgPlan } from "./org-plan.js";
import { type IntegrationApi, integrationMismatches } from "./verify-integration.js";

export interface ApplyOrgDeps {
  jfrog: IntegrationApi;
  log: JobLogger;
  memory: OrgMemory;
}

/** One line per action carried out (for logs and command replies); throws on the first that fails. */
export async function applyOrgPlan(deps: ApplyOrgDeps, orgPlan: OrgPlan, policy: Policy): Promise<string[]> {
  const done: string[] = [];
  for (const action of orgPlan.actions) done.push(await applyOrgAction(deps, orgPlan.org, action));
  if (done.length > 0) deps.memory.markIntegrationVerified(orgPlan.org, policy);
  return done;
}

async function applyOrgAction(deps: ApplyOrgDeps, org: string, action: OrgAction): Promise<string> {
  const { jfrog, log } = deps;
  switch (action.kind) {
    case "create-integration": {
      const want = action.integration;
      try {
        await jfrog.createIntegration(want);
      } catch (error) {
        // Another job or replica created it between our read and this write: fine if it is what we would create.
        if (!(error instanceof JFrogError && error.kind === "conflict")) throw error;
        const existing = await jfrog.getIntegration(want.name);
        if (!existing || integrationMismatches(existing, want).length > 0) throw error;
        log.info({ org, provider: want.name }, "JFrog OIDC integration already created by another run");
        return `the JFrog OIDC integration "${want.name}" was created by another run meanwhile`;
      }
      log.info(
        { org, provider: want.name, issuer: want.issuer_url, audience: want.audience },
        "JFrog OIDC integration created",
      );
      return `created the JFrog OIDC integration "${want.name}"`;
    }
    default:
      return unreachable(action.kind);
  }
}
