/**
 * The OIDC issuer of GitHub Actions tokens where the app runs: GitHub.com's, or GitHub Enterprise Server's
 * `https://<HOSTNAME>/_services/token`
 * (https://docs.github.com/enterprise-server@latest/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect).
 */
import { GITHUB_ISSUER } from "./policy-schema.js";

const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/;

/** The issuer for a `GHE_HOST` value (unset or blank: GitHub.com), or null when it is not a host name. */
export function issuerForHost(gheHost: string | undefined): string | null {
  const host = gheHost?.trim().toLowerCase();
  if (!host) return GITHUB_ISSUER;
  return HOST.test(host) ? `https://${host}/_services/token` : null;
}
