/**
 * The dashboard's retry checkboxes. GitHub lets anyone who can edit the issue tick a task-list box (the edit
 * arrives as `issues.edited` with the new body); the caller checks the editor is an org owner. Only boxes the APP
 * rendered count: a row is recognised by a hidden id marker in the exact form the app writes, and it counts only
 * if the same row (same ids, same name) was in the OLD body unticked. A line someone added by hand, a marker
 * pointing elsewhere, or a box that was already ticked does nothing.
 *
 * The caller should pass as `oldBody` the body the app itself last wrote (not only the webhook's
 * `changes.body.from`): an earlier hand edit could otherwise plant a row that a later tick "confirms". Even then,
 * the worst a planted row can do is queue a retry of a repository the installation can see, which is idempotent.
 */
import type { RepositoryRef } from "../job.js";

/**
 * The first line of every dashboard body: how the app finds its dashboard issue among the `.github` repository's
 * issues, and how `checkedRetries` knows an old body is one it wrote.
 */
export const DASHBOARD_MARKER = "<!-- jfrog-oidc-rollout:dashboard v1 -->";

export function isDashboard(body: string): boolean {
  return body.startsWith(DASHBOARD_MARKER);
}

/** GitHub's repository and account names: no spaces, no `>`, nothing that could end an HTML comment. */
const NAME = /^[A-Za-z0-9._-]+$/;
const ROW =
  /^- \[( |x|X)\] .* <!-- jfrog-oidc-rollout:retry (\d+)\/(\d+) ([A-Za-z0-9._-]+)\/([A-Za-z0-9._-]+) -->$/;

/** Whether the app can render a retry checkbox for this repository (ids known, names safe for the marker). */
export function canRetry(ref: RepositoryRef): boolean {
  return ref.ownerId !== undefined && ref.repoId !== undefined && NAME.test(ref.owner) && NAME.test(ref.name);
}

/** A task-list line with a retry box; `text` is already quoted markdown without line breaks. */
export function retryRow(ref: RepositoryRef, text: string): string {
  if (!canRetry(ref)) throw new Error(`no retry checkbox for ${ref.owner}/${ref.name}: ids unknown`);
  return `- [ ] ${text} <!-- jfrog-oidc-rollout:retry ${ref.ownerId}/${ref.repoId} ${ref.owner}/${ref.name} -->`;
}

interface Box {
  ticked: boolean;
  ref: RepositoryRef;
}

function boxes(body: string): Map<string, Box> {
  const found = new Map<string, Box>();
  for (const line of body.split(/\r?\n/)) {
    const m = ROW.exec(line);
    if (!m) continue;
    const [, mark, ownerId, repoId, owner = "", name = ""] = m;
    const key = `${ownerId}/${repoId} ${owner}/${name}`.toLowerCase();
    const ticked = mark !== " ";
    const ref = { owner, name, ownerId: Number(ownerId), repoId: Number(repoId) };
    // A duplicated line (copied by hand) counts once, ticked if any copy is.
    found.set(key, { ticked: ticked || (found.get(key)?.ticked ?? false), ref });
  }
  return found;
}

/** The repositories whose app-rendered box went from unticked (old body) to ticked (new body). */
export function checkedRetries(oldBody: string, newBody: string): RepositoryRef[] {
  if (!isDashboard(oldBody) || !isDashboard(newBody)) return [];
  const before = boxes(oldBody);
  const retries: RepositoryRef[] = [];
  for (const [key, box] of boxes(newBody)) {
    const was = before.get(key);
    if (box.ticked && was && !was.ticked) retries.push(was.ref);
  }
  return retries;
}
