/** Issues, pull requests, comments, labels and reactions as GitHub renders them. */
import type {
  IssueComment as CommentShape,
  Issue as IssueShape,
  Label as LabelShape,
  PullRequest,
  Team,
  User,
} from "@octokit/webhooks-types";
import type { Account, Issue, IssueComment, Label, Reaction, Repo } from "../state/model.js";
import { fullName } from "../state/model.js";
import { nodeId } from "../state/store.js";
import { userShape } from "./account.js";
import { iso, repositoryShape } from "./repository.js";
import { examplesOf, retarget, templates } from "./templates.js";
import type { Urls } from "./urls.js";

/** Rewrites the example's repository and number in every URL of a template. */
function retargetIssueUrls<T>(
  template: T,
  from: { repo: string; number: number },
  urls: Urls,
  repo: Repo,
  number: number,
): T {
  const to = fullName(repo);
  return retarget(template, [
    [`https://api.github.com/repos/${from.repo}`, `${urls.api}/repos/${to}`],
    [`https://github.com/${from.repo}`, `${urls.html}/${to}`],
    [`/pulls/${from.number}`, `/pulls/${number}`],
    [`/pull/${from.number}`, `/pull/${number}`],
    [`/issues/${from.number}`, `/issues/${number}`],
  ]);
}

export function labelShape(urls: Urls, repo: Repo, label: Label): LabelShape {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${urls.api}/repos/${fullName(repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

function labelsOf(urls: Urls, repo: Repo, issue: Issue): LabelShape[] {
  return issue.labels.flatMap((name) => {
    const label = repo.labels.get(name.toLowerCase());
    return label ? [labelShape(urls, repo, label)] : [];
  });
}

function teamShape(urls: Urls, repo: Repo, slug: string): Team {
  return {
    name: slug,
    id: 0,
    node_id: "",
    slug,
    description: null,
    privacy: "closed",
    url: `${urls.api}/orgs/${repo.owner.login}/teams/${slug}`,
    html_url: `${urls.html}/orgs/${repo.owner.login}/teams/${slug}`,
    members_url: `${urls.api}/orgs/${repo.owner.login}/teams/${slug}/members{/member}`,
    repositories_url: `${urls.api}/orgs/${repo.owner.login}/teams/${slug}/repos`,
    permission: "pull",
  };
}

export function pullShape(
  urls: Urls,
  repo: Repo,
  issue: Issue,
  users: (login: string) => Account,
): PullRequest {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is an issue, not a pull request`);
  const template = examplesOf.pullRequestClosed().pull_request;
  const shaped = retargetIssueUrls(
    template,
    { repo: template.base.repo.full_name, number: template.number },
    urls,
    repo,
    issue.number,
  );
  const repository = repositoryShape(urls, repo);
  const owner = userShape(urls, repo.owner);
  const headSha = repo.branches.get(pull.head) ?? pull.mergeBase;
  const reviewers: User[] = pull.requestedReviewers.map((login) => userShape(urls, users(login)));
  return {
    ...shaped,
    id: issue.id,
    node_id: nodeId("PR", issue.id),
    number: issue.number,
    state: issue.state,
    title: issue.title,
    body: issue.body,
    user: userShape(urls, issue.user),
    draft: pull.draft,
    merged: pull.merged,
    merged_at: pull.mergedAt ? iso(pull.mergedAt) : null,
    closed_at: issue.closedAt ? iso(issue.closedAt) : null,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.closedAt ?? issue.createdAt),
    merge_commit_sha: null,
    merged_by: null,
    labels: labelsOf(urls, repo, issue),
    requested_reviewers: reviewers,
    requested_teams: pull.requestedTeams.map((slug) => teamShape(urls, repo, slug)),
    statuses_url: `${urls.api}/repos/${fullName(repo)}/statuses/${headSha}`,
    head: {
      label: `${repo.owner.login}:${pull.head}`,
      ref: pull.head,
      sha: headSha,
      user: owner,
      repo: repository,
    },
    base: {
      label: `${repo.owner.login}:${pull.base}`,
      ref: pull.base,
      sha: repo.branches.get(pull.base) ?? pull.mergeBase,
      user: owner,
      repo: repository,
    },
    author_association: "NONE",
    comments: repo.comments.filter((c) => c.issueNumber === issue.number).length,
    review_comments: 0,
  };
}

export function issueShape(urls: Urls, repo: Repo, issue: Issue): IssueShape {
  const template = examplesOf.issueCommentCreated().issue;
  const from = examplesOf.issueCommentCreated().repository.full_name;
  const shaped = retargetIssueUrls(
    template,
    { repo: from, number: template.number },
    urls,
    repo,
    issue.number,
  );
  const { pull_request: _, ...withoutPull } = shaped as IssueShape & { pull_request?: unknown };
  return {
    ...withoutPull,
    id: issue.id,
    node_id: nodeId(issue.pull ? "PR" : "I", issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    user: userShape(urls, issue.user),
    labels: labelsOf(urls, repo, issue),
    comments: repo.comments.filter((c) => c.issueNumber === issue.number).length,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.closedAt ?? issue.createdAt),
    closed_at: issue.closedAt ? iso(issue.closedAt) : null,
    author_association: "NONE",
    ...(issue.pull && {
      pull_request: {
        url: `${urls.api}/repos/${fullName(repo)}/pulls/${issue.number}`,
        html_url: `${urls.html}/${fullName(repo)}/pull/${issue.number}`,
        diff_url: `${urls.html}/${fullName(repo)}/pull/${issue.number}.diff`,
        patch_url: `${urls.html}/${fullName(repo)}/pull/${issue.number}.patch`,
      },
    }),
  } as IssueShape;
}

const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"] as const;

export function commentShape(urls: Urls, repo: Repo, comment: IssueComment): CommentShape {
  const base = `${urls.api}/repos/${fullName(repo)}`;
  const counts = Object.fromEntries(
    REACTIONS.map((r) => [r, comment.reactions.filter((x) => x.content === r).length]),
  );
  return {
    ...templates.issueCommentCreated().comment,
    url: `${base}/issues/comments/${comment.id}`,
    html_url: `${urls.html}/${fullName(repo)}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${base}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    user: userShape(urls, comment.user),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    author_association: "NONE",
    performed_via_github_app: null,
    body: comment.body,
    reactions: {
      url: `${base}/issues/comments/${comment.id}/reactions`,
      total_count: comment.reactions.length,
      ...counts,
    } as CommentShape["reactions"],
  };
}

export function reactionShape(urls: Urls, reaction: Reaction) {
  return {
    id: reaction.id,
    node_id: nodeId("REA", reaction.id),
    user: userShape(urls, reaction.user),
    content: reaction.content,
    created_at: iso(reaction.createdAt),
  };
}

export { REACTIONS };
