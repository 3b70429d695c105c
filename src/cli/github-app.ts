/**
 * The app's own GitHub credentials from the environment (the same variables Probot reads), then the
 * installation for one organization: `GET /orgs/{org}/installation` with the app's JWT
 * (https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app).
 */
import { getPrivateKey } from "@probot/get-private-key";
import { pino } from "pino";
import { Probot, type ProbotOctokit } from "probot";
import { httpStatus } from "../github/rest.js";
import { CliError } from "./cli-error.js";

type Env = Record<string, string | undefined>;

export function githubApiUrl(env: Env): string {
  const host = env.GHE_HOST?.trim();
  if (!host) return "https://api.github.com";
  const protocol = env.GHE_PROTOCOL?.trim() || "https";
  return `${protocol}://${host}/api/v3`;
}

function appProbot(env: Env): Probot {
  const appId = Number(env.APP_ID?.trim());
  if (!Number.isInteger(appId) || appId <= 0)
    throw new CliError("APP_ID is not set to the GitHub App's numeric id (its settings page shows it)");
  let privateKey: string | null;
  try {
    privateKey = getPrivateKey({ env });
  } catch (error) {
    throw new CliError(`The app's private key cannot be read: ${(error as Error).message}`);
  }
  if (!privateKey)
    throw new CliError("PRIVATE_KEY or PRIVATE_KEY_PATH is not set: the app's private key (.pem) is needed");
  // Silent: stdout carries the plan (JSON or Terraform a tool may read); problems are thrown, then printed once.
  return new Probot({ appId, privateKey, baseUrl: githubApiUrl(env), log: pino({ level: "silent" }) });
}

/** An octokit for the app's installation on `org`, or a CliError saying why there is none. */
export async function installationOctokit(env: Env, org: string): Promise<ProbotOctokit> {
  const probot = appProbot(env);
  let installationId: number;
  try {
    const app = await probot.auth();
    const { data } = await app.request("GET /orgs/{org}/installation", { org });
    installationId = data.id;
  } catch (error) {
    throw githubProblem(error, org);
  }
  return probot.auth(installationId);
}

export function githubProblem(error: unknown, org: string): CliError {
  const status = httpStatus(error);
  if (status === 404)
    return new CliError(
      `The app is not installed on an organization named ${org} (check the name, and install the app there first)`,
    );
  if (status === 401)
    return new CliError("GitHub refused the app's credentials (401): check APP_ID and the private key");
  const detail = error instanceof Error ? error.message : String(error);
  return new CliError(`GitHub could not be asked about ${org}: ${detail}`);
}
