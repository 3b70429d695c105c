/** Check runs: how the app reports config problems on the commit that holds the file. */

import { json } from "../../shared/http.js";
import { githubError, validationFailed } from "../errors.js";
import { iso } from "../shapes/repository.js";
import type { CheckAnnotation, CheckRun } from "../state/model.js";
import { fullName } from "../state/model.js";
import { nodeId } from "../state/store.js";
import { fail, objectBody, optionalString, requiredString } from "./body.js";
import { type RestContext, type RestRoute, repoOf } from "./route.js";

const DOCS = "https://docs.github.com/rest/reference/checks#create-a-check-run";

const STATUSES = ["queued", "in_progress", "completed", "waiting", "requested", "pending"];
const CONCLUSIONS = [
  "action_required",
  "cancelled",
  "failure",
  "neutral",
  "success",
  "skipped",
  "stale",
  "timed_out",
];

/**
 * GitHub's limits on a check run's output: `summary` and `text` at most 65,535 characters, at most 50 annotations
 * per request (https://docs.github.com/rest/checks/runs#create-a-check-run); beyond them it answers 422.
 */
const OUTPUT_MAX_CHARS = 65_535;
const ANNOTATIONS_PER_REQUEST = 50;
const LEVELS = ["notice", "warning", "failure"];

function output(
  ctx: RestContext,
  value: unknown,
): { output: CheckRun["output"]; annotations: CheckAnnotation[] } {
  if (value === undefined) return { output: {}, annotations: [] };
  const o = objectBody(value, ctx.docs);
  const summary = requiredString(o, "summary", ctx.docs);
  const text = optionalString(o, "text", ctx.docs);
  for (const [field, v] of [
    ["summary", summary],
    ["text", text],
  ] as const)
    if ((v?.length ?? 0) > OUTPUT_MAX_CHARS)
      fail(validationFailed([{ resource: "CheckRun", field: `output.${field}`, code: "invalid" }], ctx.docs));
  return {
    output: { title: optionalString(o, "title", ctx.docs), summary, text },
    annotations: annotationsOf(ctx, o.annotations),
  };
}

function annotationsOf(ctx: RestContext, value: unknown): CheckAnnotation[] {
  if (value === undefined) return [];
  const invalid = () =>
    fail(
      validationFailed([{ resource: "CheckRun", field: "output.annotations", code: "invalid" }], ctx.docs),
    );
  if (!Array.isArray(value) || value.length > ANNOTATIONS_PER_REQUEST) return invalid();
  return value.map((item) => {
    const a = objectBody(item, ctx.docs);
    const startLine = a.start_line;
    const endLine = a.end_line;
    const level = requiredString(a, "annotation_level", ctx.docs);
    if (typeof startLine !== "number" || typeof endLine !== "number" || startLine < 1 || endLine < startLine)
      return invalid();
    if (!LEVELS.includes(level)) return invalid();
    const title = optionalString(a, "title", ctx.docs);
    return {
      path: requiredString(a, "path", ctx.docs),
      startLine,
      endLine,
      level,
      ...(title !== undefined && { title }),
      message: requiredString(a, "message", ctx.docs),
    };
  });
}

function createCheckRun(ctx: RestContext) {
  const repo = repoOf(ctx);
  const body = objectBody(ctx.body, ctx.docs);
  const name = requiredString(body, "name", ctx.docs);
  const headSha = requiredString(body, "head_sha", ctx.docs);
  const conclusion = optionalString(body, "conclusion", ctx.docs) ?? null;
  const status = optionalString(body, "status", ctx.docs) ?? (conclusion ? "completed" : "queued");
  if (!STATUSES.includes(status))
    return validationFailed([{ resource: "CheckRun", field: "status", code: "invalid" }], ctx.docs);
  if (conclusion !== null && !CONCLUSIONS.includes(conclusion))
    return validationFailed([{ resource: "CheckRun", field: "conclusion", code: "invalid" }], ctx.docs);
  if (status === "completed" && conclusion === null)
    return validationFailed([{ resource: "CheckRun", field: "conclusion", code: "missing_field" }], ctx.docs);
  if (!repo.commits.has(headSha))
    return githubError(422, `No commit found for SHA: ${headSha}`, { docs: ctx.docs });
  const run: CheckRun = {
    id: ctx.core.store.nextId("check"),
    name,
    headSha,
    status,
    conclusion,
    ...output(ctx, body.output),
    appId: ctx.core.store.app?.id ?? null,
    createdAt: ctx.core.now(),
  };
  repo.checkRuns.push(run);
  const { urls } = ctx.core;
  const at = iso(run.createdAt);
  return json(201, {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId("CR", run.id),
    external_id: "",
    url: `${urls.api}/repos/${fullName(repo)}/check-runs/${run.id}`,
    html_url: `${urls.html}/${fullName(repo)}/runs/${run.id}`,
    details_url: null,
    status: run.status,
    conclusion: run.conclusion,
    started_at: at,
    completed_at: run.status === "completed" ? at : null,
    output: {
      ...run.output,
      annotations_count: run.annotations.length,
      annotations_url: `${urls.api}/repos/${fullName(repo)}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id },
    app: ctx.core.store.app
      ? { id: ctx.core.store.app.id, slug: ctx.core.store.app.slug, name: ctx.core.store.app.name }
      : null,
    pull_requests: [],
  });
}

/** The audit adds annotations beyond the first 50 by updating the run; the emulator keeps the latest output. */
function updateCheckRun(ctx: RestContext) {
  const repo = repoOf(ctx);
  const id = Number(ctx.params.check_run_id);
  const run = repo.checkRuns.find((r) => r.id === id);
  if (!run) return githubError(404, "Not Found", { docs: ctx.docs });
  const body = objectBody(ctx.body, ctx.docs);
  if (body.output !== undefined) {
    const updated = output(ctx, body.output);
    run.output = updated.output;
    run.annotations.push(...updated.annotations);
  }
  const conclusion = optionalString(body, "conclusion", ctx.docs);
  if (conclusion !== undefined) {
    if (!CONCLUSIONS.includes(conclusion))
      return validationFailed([{ resource: "CheckRun", field: "conclusion", code: "invalid" }], ctx.docs);
    run.conclusion = conclusion;
    run.status = "completed";
  }
  return json(200, {
    id: run.id,
    head_sha: run.headSha,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
  });
}

export const checkRoutes: RestRoute[] = [
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/check-runs",
    docs: DOCS,
    auth: "installation",
    permissions: [["checks", "write"]],
    content: true,
    body: true,
    handle: createCheckRun,
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    docs: "https://docs.github.com/rest/checks/runs#update-a-check-run",
    auth: "installation",
    permissions: [["checks", "write"]],
    content: true,
    body: true,
    handle: updateCheckRun,
  },
];
