/**
 * `verify [ref=…] [environment=…] [workflow=…]`: observes through the reconcile path (dry run: the org gate has
 * verified the integration, the repository's ids come from GitHub), lists the integration's mappings from JFrog,
 * and explains the exchange a token with those claims would get. Writes nothing.
 */
import { code } from "../../github/markdown.js";
import { mappingName } from "../../reconcile/desired-mapping.js";
import type { CommandContext } from "../command-context.js";
import { explainExchange } from "../verify/explain-exchange.js";
import { renderVerify } from "../verify/render-verify.js";
import { simulateToken } from "../verify/simulate-token.js";
import { reconcileForCommand } from "./reconcile-outcome.js";

export async function runVerify(ctx: CommandContext, options: Record<string, string>): Promise<string> {
  const observed = await reconcileForCommand(ctx, { dryRun: true });
  if (!observed.ok) return observed.reply;
  const { policy, observed: facts, orgPlan } = observed.outcome;
  if (orgPlan.state === "create-integration")
    return (
      `ℹ️ The JFrog OIDC integration ${code(orgPlan.provider)} does not exist yet (the app's next run creates it): ` +
      "JFrog would refuse every token until then, so there is nothing to verify."
    );
  // The repository's own file may rename the workflow (its `name:` is the `workflow` claim); it cannot move it.
  const effective = facts.config.status === "ok" ? facts.config.policy : policy;
  const token = simulateToken({
    repo: facts.repo,
    issuer: policy.provider.issuer,
    audience: policy.provider.audience,
    appWorkflow: { path: policy.workflow.path, name: effective.workflow.name },
    ref: options.ref,
    environment: options.environment,
    workflow: options.workflow,
  });

  const provider = policy.provider.name;
  const project = policy.projectKey
    ? await ctx.reconcile.jfrog.listMappings(provider, { projectKey: policy.projectKey })
    : [];
  const global = await ctx.reconcile.jfrog.listMappings(provider);
  const ownName = mappingName(facts.repo.ownerId, facts.repo.id);
  const explanation = explainExchange({ project, global, claims: token.claims, ownName });
  ctx.log.info(
    { ownName, mappings: project.length + global.length, winnerIsOwn: explanation.winner?.own ?? null },
    "verify: exchange explained",
  );
  return renderVerify({ explanation, token, provider, ownName, projectKey: policy.projectKey });
}
