/**
 * The installation for one organization: `GET /orgs/{org}/installation` with the app's JWT
 * (https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app).
 */
import { pino } from "pino";
import { Probot, type ProbotOctokit } from "probot";
import { httpStatus } from "../github/rest.js";
import type { CliSettings } from "../settings.js";
import { CliError } from "./cli-error.js";

/** Silent: stdout carries the plan (JSON or Terraform a tool may read); problems are thrown, then printed once. */
function appProbot(github: CliSettings["github"]): Probot {
  return new Probot({
    appId: github.appId,
    privateKey: github.privateKey,
    baseUrl: github.apiUrl,
    log: pino({ level: "silent" }),
  });
}

/** An octokit for the app's installation on `org`, or a CliError saying why there is none. */
export async function installationOctokit(
  github: CliSettings["github"],
  org: string,
): Promise<ProbotOctokit> {
  const probot = appProbot(github);
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
