/**
 * `rollout status` (org owners, in the org's `.github` repository): first the rollout dashboard's numbers
 * (`describeSummary` of the same summary the dashboard issue renders: states, progress, pause, consent, ETA), then
 * what two listings say now: the repositories the installation can see, and the app's own mappings on the
 * integration. Only counts, never names; in a public `.github` repository only public repositories are counted,
 * since the reply is public.
 */

import { bullets, code, table } from "../../github/markdown.js";
import { isOwnedByApp, mappingName } from "../../reconcile/desired-mapping.js";
import { openOrgGate } from "../../reconcile/org-gate.js";
import { decideScope } from "../../reconcile/scope.js";
import { describeSummary } from "../../rollout/dashboard/describe-summary.js";
import type { CommandContext } from "../command-context.js";
import { integrationText } from "../render/describe-action.js";

export async function runRolloutStatus(ctx: CommandContext): Promise<string> {
  const { octokit, reconcile, place } = ctx;
  const gate = await openOrgGate(
    {
      octokit,
      jfrog: reconcile.jfrog,
      dryRun: true,
      log: ctx.log,
      memory: reconcile.orgMemory,
      requestedAt: reconcile.requestedAt,
      policyDefaults: reconcile.policyDefaults,
    },
    place.owner,
  );
  if (!gate.open) {
    const stopped = `ℹ️ The app does nothing in ${code(place.owner)} right now: ${gate.reason}.`;
    // Org owners, in the repository whose check run already shows the same problems.
    return gate.why === "integration-mismatch"
      ? `${stopped}\n\nHow the JFrog integration differs from the org policy:\n\n${bullets(gate.problems.map(code))}`
      : stopped;
  }
  const { policy, orgPlan } = gate;

  const summary = await ctx.rollout.summarize?.(place.owner, place.isPublic);
  // The summary leads with a stop itself; before the first scan there is no summary, and the stop still shows.
  const stopped = summary ? undefined : ctx.rollout.writesStopped?.();
  const rollout = summary
    ? describeSummary(summary)
    : [
        ...(stopped ? [`⛔ **${stopped.report}**`, ""] : []),
        "No org scan has finished since the app started, so the rollout's states are not known yet; " +
          "the next one (the sweep) fills them in.",
      ].join("\n");

  const all = await octokit.paginate("GET /installation/repositories", { per_page: 100 });
  const repos = all.filter(
    (r) =>
      r.owner.login.toLowerCase() === place.owner.toLowerCase() &&
      (!place.isPublic || r.visibility === "public"),
  );
  const scope = policy.projectKey ? { projectKey: policy.projectKey } : {};
  // An integration still to be created holds no mappings (JFrog would answer 404 for its listing).
  const listed =
    orgPlan.state === "create-integration"
      ? []
      : await reconcile.jfrog.listMappings(policy.provider.name, scope);
  const owned = new Set(listed.filter(isOwnedByApp).map((m) => m.name));
  const inScope = repos.filter(
    (r) =>
      decideScope(
        {
          name: r.name,
          isArchived: r.archived,
          isFork: r.fork,
          visibility: r.visibility === "public" || r.visibility === "internal" ? r.visibility : "private",
        },
        policy,
        false,
      ).inScope,
  );
  const mapped = inScope.filter((r) => owned.has(mappingName(r.owner.id, r.id)));
  const counted = place.isPublic ? "Public repositories" : "Repositories";
  return [
    rollout,
    "",
    table(
      ["", "count"],
      [
        ["Org policy", "✅ valid"],
        ["JFrog integration", integrationText(orgPlan, policy.provider.audience)],
        [`${counted} the app is installed on`, String(repos.length)],
        ["…in scope by the policy's rules", String(inScope.length)],
        ["…of those with the app's identity mapping", String(mapped.length)],
        ["…of those still without one", String(inScope.length - mapped.length)],
      ],
    ),
    "",
    "Not counted here: opt-outs made inside a repository (`enabled: false`, `/jfrog-oidc disable`) and the state of " +
      "onboarding PRs and workflows; `/jfrog-oidc status` in a repository shows them.",
    ...(place.isPublic
      ? ["", "_This repository is public, so private and internal repositories are left out of the counts._"]
      : []),
  ].join("\n");
}
