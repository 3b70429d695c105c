/**
 * The handlers' edge: a delivery's signature proves GitHub (or whoever holds the secret) sent it, not that its
 * payload has the shape the handler reads. A signed payload without `repository`, with an id that is a string, or
 * a comment body beyond GitHub's limit is ignored here with one warning naming the fields, before any handler
 * code runs: no crash, no stack trace, no 500 carrying internal error text, and nothing read or written.
 *
 * Only the fields the handlers use are checked; anything else GitHub adds passes through.
 * https://docs.github.com/webhooks/webhook-events-and-payloads
 */
import type { Context } from "probot";
import { z } from "zod";
import { MAX_COMMENT_CHARS } from "../commands/parse/parse-comment.js";
import { ISSUE_BODY_LIMIT } from "../rollout/dashboard/render-dashboard.js";

const id = z.number().int().positive();
const login = z.string().min(1).max(100);
const account = z.object({ login, id });
const repository = z.object({
  id,
  name: z.string().min(1).max(100),
  full_name: z.string().min(3),
  owner: account,
});
const installation = z.object({ id });

const installedOn = z.object({ id, account: account.nullable() });

export const PAYLOAD_SHAPES = {
  repository: z.object({ action: z.string(), repository, installation }),
  "repository.edited": z.object({ repository, installation, changes: z.object({}).loose() }),
  installation: z.object({ installation: installedOn }),
  "installation_repositories.removed": z.object({
    installation: installedOn,
    repositories_removed: z.array(z.object({ id, name: z.string().min(1).max(100) })),
  }),
  pull_request: z.object({
    pull_request: z.object({
      number: id,
      head: z.object({ sha: z.string().min(1), ref: z.string().min(1) }),
      base: z.object({ ref: z.string().min(1) }),
    }),
    repository: repository.extend({ default_branch: z.string().min(1) }),
    sender: z.object({ login, type: z.string() }),
    installation,
  }),
  "repository.transferred": z.object({
    repository,
    installation,
    changes: z.object({
      owner: z.object({
        from: z.object({ organization: account.optional(), user: account.optional() }),
      }),
    }),
  }),
  push: z.object({
    ref: z.string().min(1),
    created: z.boolean(),
    deleted: z.boolean(),
    // Push payloads describe the owner as nullable; `full_name` names it then.
    repository: repository.extend({ owner: account.nullable(), default_branch: z.string().min(1) }),
    installation,
    commits: z.array(
      z.object({
        added: z.array(z.string()).optional(),
        modified: z.array(z.string()).optional(),
        removed: z.array(z.string()).optional(),
      }),
    ),
  }),
  "issues.edited": z.object({
    issue: z.object({
      number: id,
      body: z.string().max(ISSUE_BODY_LIMIT).nullable(),
      pull_request: z.unknown().optional(),
    }),
    // Only a body edit carries `changes.body`; a title or label edit does not.
    changes: z.object({ body: z.object({ from: z.string().max(ISSUE_BODY_LIMIT) }).optional() }).loose(),
    sender: z.object({ login, type: z.string() }),
    repository: repository.extend({ owner: account.extend({ type: z.string() }) }),
    installation,
  }),
  "issue_comment.created": z.object({
    comment: z.object({
      id,
      body: z.string().max(MAX_COMMENT_CHARS),
      user: z.object({ login, type: z.string() }).nullable(),
    }),
    issue: z.object({ number: id }),
    sender: z.object({ login, type: z.string() }),
    repository: repository.extend({
      owner: account.extend({ type: z.string() }),
      visibility: z.string().optional(),
    }),
    installation,
  }),
} as const;

export type PayloadShape = keyof typeof PAYLOAD_SHAPES;

/**
 * True when the delivery's payload has the shape its handler reads; otherwise logs one warning (the event, the
 * delivery id, each field that is wrong) and returns false. The payload's values are never echoed: they are
 * whoever holds the secret's text.
 */
export function isWellFormed(
  shape: PayloadShape,
  context: Pick<Context, "id" | "name" | "payload" | "log">,
): boolean {
  const result = PAYLOAD_SHAPES[shape].safeParse(context.payload);
  if (result.success) return true;
  const action = (context.payload as { action?: unknown }).action;
  context.log.warn(
    {
      event: typeof action === "string" ? `${context.name}.${action}` : context.name,
      delivery: context.id,
      problems: result.error.issues
        .slice(0, 10)
        .map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.code}`),
    },
    "webhook ignored: its payload is not what GitHub sends for this event",
  );
  return false;
}
