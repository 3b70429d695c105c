/**
 * Which pull request events queue a policy preview, inside a real Probot with GitHub's own payloads: the job is
 * data (no client, no token), one per PR; PRs into another branch and bots' PRs cost nothing.
 */
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { Probot, ProbotOctokit } from "probot";
import { expect, test } from "vitest";
import { createApp } from "../../src/index.js";
import { createLogger } from "../../src/logger.js";
import { type Job, jobKey } from "../../src/rollout/job.js";
import { appKeyPair } from "../support/app-key.js";

type Example = { name: string; examples: Array<Record<string, unknown>> };
function pullRequestExample(action: string, edit: (payload: PullRequestPayload) => void = () => {}) {
  const found = (examples as Example[])
    .find((e) => e.name === "pull_request")
    ?.examples.find((e) => e.action === action && !!e.installation);
  if (!found) throw new Error(`no pull_request.${action} example`);
  const payload = structuredClone(found) as unknown as PullRequestPayload;
  edit(payload);
  return payload;
}

interface PullRequestPayload {
  pull_request: { number: number; head: { sha: string }; base: { ref: string } };
  repository: { id: number; name: string; owner: { login: string; id: number } };
  sender: { login: string; type: string };
  installation: { id: number };
}

const privateKey = appKeyPair().privateKey;

async function previewJobsFor(payload: PullRequestPayload): Promise<Job[]> {
  const jobs: Job[] = [];
  const log = await createLogger({ level: "error", secrets: [], destination: { write: () => {} } });
  const probot = new Probot({
    appId: 1,
    privateKey,
    log,
    Octokit: ProbotOctokit,
  });
  await probot.load(createApp({ queue: { add: async (job) => void jobs.push(job) }, now: () => 1234 }));
  await probot.receive({ id: "delivery-1", name: "pull_request", payload } as never);
  return jobs.filter((j) => j.kind === "policy-preview");
}

test.each(["opened", "synchronize", "reopened"])(
  "pull_request.%s into the default branch queues one policy preview of its head",
  async (action) => {
    const payload = pullRequestExample(action);
    const jobs = await previewJobsFor(payload);
    const { repository, pull_request: pr, installation } = payload;
    expect(jobs).toEqual([
      {
        kind: "policy-preview",
        installationId: installation.id,
        reason: `pull request #${pr.number} ${action}`,
        priority: "event",
        deliveryId: "delivery-1",
        requestedAt: 1234,
        repository: {
          owner: repository.owner.login,
          name: repository.name,
          ownerId: repository.owner.id,
          repoId: repository.id,
        },
        pullNumber: pr.number,
        headSha: pr.head.sha,
      },
    ]);
    // A newer push to the same PR replaces the waiting preview; another PR of the repository does not.
    const [job] = jobs;
    if (job?.kind !== "policy-preview") throw new Error("no preview job");
    expect(jobKey({ ...job, headSha: "f".repeat(40) })).toBe(jobKey(job));
    expect(jobKey({ ...job, pullNumber: job.pullNumber + 1 })).not.toBe(jobKey(job));
  },
);

test("a pull request into another branch is not previewed: only the default branch's policy applies", async () => {
  const payload = pullRequestExample("opened", (p) => {
    p.pull_request.base.ref = "release/1.x";
  });
  expect(await previewJobsFor(payload)).toEqual([]);
});

test("a bot's pull request is not previewed (the app's onboarding PRs never change a policy file)", async () => {
  const payload = pullRequestExample("synchronize", (p) => {
    p.sender = { ...p.sender, login: "jfrog-oidc-rollout[bot]", type: "Bot" };
  });
  expect(await previewJobsFor(payload)).toEqual([]);
});
