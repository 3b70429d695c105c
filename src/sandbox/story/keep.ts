/**
 * `--keep`: what to try by hand once the story is told. Each command carries a fresh credential for this
 * sandbox only (an installation token valid one hour, the emulator's JFrog admin token, an ID token valid five
 * minutes); none of them opens anything real.
 */
import { GRANT_TYPE, ID_TOKEN_TYPE } from "../jfrog/index.js";
import type { World } from "../world.js";
import type { Report } from "./report.js";

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

export async function printKeep(world: World, report: Report): Promise<void> {
  const token = world.github.installationToken(world.installationId);
  const idToken = await world.mintIdToken({ repo: "web" });
  const exchange = {
    grant_type: GRANT_TYPE,
    subject_token_type: ID_TOKEN_TYPE,
    subject_token: idToken,
    provider_name: world.policy.provider.name,
  };
  const graphql = {
    query: `{ repository(owner: "${world.org}", name: "web") { defaultBranchRef { name target { oid } } pullRequests(first: 5) { nodes { number state } } } }`,
  };

  report.heading("Still running (--keep). Ctrl-C stops everything.");
  report.line(`  GitHub emulator  ${world.github.apiUrl}  (GraphQL ${world.github.graphqlUrl})`);
  report.line(`  JFrog Access     ${world.jfrog.url}/access/api/v1`);
  report.line(`  OIDC issuer      ${world.issuer.url}  (stands in for ${world.policy.provider.issuer})`);
  report.line(`  the app          ${world.app.webhookUrl}`);
  report.heading("Try");
  const commands: Array<[string, string]> = [
    [
      "the onboarding PRs of acme/web",
      `curl -s -H ${quote(`Authorization: Bearer ${token}`)} ${world.github.apiUrl}/repos/${world.org}/web/pulls?state=all`,
    ],
    [
      "the same through GraphQL",
      `curl -s -H ${quote(`Authorization: Bearer ${token}`)} -d ${quote(JSON.stringify(graphql))} ${world.github.graphqlUrl}`,
    ],
    [
      "the identity mappings in JFrog",
      `curl -s -H ${quote(`Authorization: Bearer ${world.jfrogAdminToken}`)} ${world.jfrog.url}/access/api/v1/oidc/${world.policy.provider.name}/identity_mappings`,
    ],
    ["the OIDC issuer's discovery document", `curl -s ${world.issuer.url}/.well-known/openid-configuration`],
    [
      "the workflow's token exchange for acme/web (ID token valid 5 minutes)",
      `curl -s -H 'Content-Type: application/json' -d ${quote(JSON.stringify(exchange))} ${world.jfrog.url}/access/api/v1/oidc/token`,
    ],
  ];
  for (const [what, command] of commands) {
    report.line(`  # ${what}`);
    report.line(`  ${command}`);
  }
}
