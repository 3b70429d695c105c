/** Slash-command deliveries for app tests: GitHub's own `issue_comment` example pointed at a fake repository. */
import type { IssueCommentEvent } from "@octokit/webhooks-types";
import { type FakeGitHub, type FakeRepo, fakeRepo } from "./fake-github.js";
import { type Delivery, example } from "./harness.js";

export interface CommentOptions {
  login?: string;
  commentId?: number;
  issueNumber?: number;
  action?: "created" | "edited" | "deleted";
  bot?: boolean;
}

/** Who comments unless a test says otherwise. */
const COMMENTER = "maintainer";

let nextCommentId = 5000;

/** A repository where the default commenter has the `maintain` role, so repository commands run. */
export function maintainedRepo(github: FakeGitHub, overrides: Parameters<typeof fakeRepo>[0] = {}): FakeRepo {
  return github.add(fakeRepo({ collaborators: { [COMMENTER]: "maintain" }, ...overrides }));
}

export function issueComment(repo: FakeRepo, body: string, options: CommentOptions = {}): Delivery {
  const action = options.action ?? "created";
  const payload = example<IssueCommentEvent>(
    "issue_comment",
    (e) => e.action === action && (action !== "created" || !!e.installation),
  );
  const login = options.login ?? COMMENTER;
  const type = options.bot ? "Bot" : "User";
  Object.assign(payload.comment, { id: options.commentId ?? ++nextCommentId, body });
  if (payload.comment.user) Object.assign(payload.comment.user, { login, type });
  Object.assign(payload.sender, { login, type });
  Object.assign(payload.issue, { number: options.issueNumber ?? 7 });
  Object.assign(payload.repository, {
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
    private: repo.visibility !== "PUBLIC",
    visibility: repo.visibility.toLowerCase(),
  });
  Object.assign(payload.repository.owner, { login: repo.owner, id: repo.ownerId, type: "Organization" });
  // Edited and deleted examples carry no installation; Probot needs one to build the client.
  payload.installation ??= { id: 2, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMg==" };
  return { name: "issue_comment", payload };
}

/** The app's replies in a fake repository, in order, without their hidden marker line. */
export function replies(repo: FakeRepo): string[] {
  return repo.comments.map((c) => c.body.split("\n").slice(1).join("\n"));
}
