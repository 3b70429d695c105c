/** `Repository`, `PullRequest`, `Organization` and `User` nodes, with the connections the app pages through. */

import { grantSees } from "../auth/caller.js";
import { type Account, fullName, type Issue, isEmptyRepo, type Org, type Repo } from "../state/model.js";
import { nodeId } from "../state/store.js";
import { connection, type PageArgs, pageForward } from "./connection.js";
import { type GraphQLContext, requirePermission } from "./context.js";
import { TypedGraphQLError } from "./errors.js";
import { objectAt, refNode } from "./git-nodes.js";

function accountNode(ctx: GraphQLContext, account: Account) {
  const base = {
    id: account.nodeId,
    databaseId: account.id,
    login: account.login,
    url: `${ctx.core.urls.html}/${account.login}`,
    avatarUrl: `${ctx.core.urls.html}/avatars/u/${account.id}`,
    resourcePath: `/${account.login}`,
  };
  if (account.type === "Organization") return { __typename: "Organization", name: account.login, ...base };
  if (account.type === "Bot") return { __typename: "Bot", ...base };
  return { __typename: "User", name: account.login, ...base };
}

function prState(issue: Issue): "OPEN" | "CLOSED" | "MERGED" {
  if (issue.pull?.merged) return "MERGED";
  return issue.state === "open" ? "OPEN" : "CLOSED";
}

function pullRequestNode(ctx: GraphQLContext, repo: Repo, issue: Issue) {
  const pull = issue.pull;
  if (!pull) return null;
  const url = `${ctx.core.urls.html}/${fullName(repo)}/pull/${issue.number}`;
  return {
    __typename: "PullRequest",
    id: nodeId("PR", issue.id),
    databaseId: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: prState(issue),
    isDraft: pull.draft,
    merged: pull.merged,
    mergedAt: pull.mergedAt?.toISOString() ?? null,
    closed: issue.state === "closed",
    closedAt: issue.closedAt?.toISOString() ?? null,
    createdAt: issue.createdAt.toISOString(),
    url,
    permalink: url,
    headRefName: pull.head,
    isCrossRepository: pull.fromFork !== undefined,
    baseRefName: pull.base,
    headRefOid: repo.branches.get(pull.head) ?? pull.mergeBase,
    labels: (args: PageArgs) =>
      connection(
        "labels",
        issue.labels.map((name) => ({ __typename: "Label", name })),
        args,
      ),
    // Reviews themselves are not modelled: only requests, which is what the app reads.
    reviewRequests: (args: PageArgs) =>
      connection(
        "reviewRequests",
        [...pull.requestedReviewers, ...pull.requestedTeams].map(() => ({})),
        args,
      ),
    reviews: (args: PageArgs) => connection("reviews", [], args),
    author: () => accountNode(ctx, issue.user),
    repository: () => repositoryNode(ctx, repo),
  };
}

interface PullRequestArgs extends PageArgs {
  states?: string[] | null;
  headRefName?: string | null;
  baseRefName?: string | null;
  labels?: string[] | null;
  orderBy?: { field: "CREATED_AT" | "UPDATED_AT"; direction: "ASC" | "DESC" } | null;
}

function pullRequests(ctx: GraphQLContext, repo: Repo, args: PullRequestArgs) {
  requirePermission(ctx, "pull_requests", "read");
  const issues = [...repo.issues.values()]
    .filter((i) => i.pull)
    .filter((i) => !args.states || args.states.includes(prState(i)))
    .filter((i) => args.headRefName == null || i.pull?.head === args.headRefName)
    .filter((i) => args.baseRefName == null || i.pull?.base === args.baseRefName)
    .filter((i) => !args.labels || args.labels.some((l) => i.labels.includes(l)));
  // CREATED_AT and UPDATED_AT both follow the number: PRs are never edited out of order here.
  const descending = args.orderBy?.direction === "DESC";
  issues.sort((a, b) => (descending ? b.number - a.number : a.number - b.number));
  return connection(
    "pullRequests",
    issues.map((i) => pullRequestNode(ctx, repo, i)),
    args,
  );
}

export function repositoryNode(ctx: GraphQLContext, repo: Repo) {
  const { urls } = ctx.core;
  const contents = () => requirePermission(ctx, "contents", "read");
  return {
    __typename: "Repository",
    id: repo.nodeId,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: fullName(repo),
    url: `${urls.html}/${fullName(repo)}`,
    description: null,
    isArchived: repo.archived,
    isFork: repo.fork,
    isEmpty: isEmptyRepo(repo),
    isPrivate: repo.visibility !== "public",
    isDisabled: false,
    isLocked: false,
    isTemplate: false,
    visibility: repo.visibility.toUpperCase(),
    createdAt: repo.createdAt.toISOString(),
    owner: () => accountNode(ctx, repo.owner),
    // An empty repository has no ref yet, so no default branch ref (its name shows only in REST).
    defaultBranchRef: () => {
      contents();
      return refNode(urls, repo, repo.defaultBranch);
    },
    object: ({ expression, oid }: { expression?: string | null; oid?: string | null }) => {
      contents();
      const target = expression ?? oid;
      return target == null ? null : objectAt(urls, repo, target);
    },
    ref: ({ qualifiedName }: { qualifiedName: string }) => {
      contents();
      const branch = qualifiedName.startsWith("refs/heads/")
        ? qualifiedName.slice("refs/heads/".length)
        : qualifiedName;
      return refNode(urls, repo, branch);
    },
    label: ({ name }: { name: string }) => {
      const label = repo.labels.get(name.toLowerCase());
      return label
        ? {
            __typename: "Label",
            id: nodeId("LA", label.id),
            name: label.name,
            color: label.color,
            description: label.description,
            url: `${urls.html}/${fullName(repo)}/labels/${encodeURIComponent(label.name)}`,
          }
        : null;
    },
    pullRequests: (args: PullRequestArgs) => pullRequests(ctx, repo, args),
    pullRequest: ({ number }: { number: number }) => {
      requirePermission(ctx, "pull_requests", "read");
      const issue = repo.issues.get(number);
      return issue ? pullRequestNode(ctx, repo, issue) : null;
    },
  };
}

/**
 * `Organization.repositories`, oldest first (the order the app asks for: CREATED_AT ASC). Paged in O(page): the
 * cursor is a position in the owner's creation-ordered list, so a page walks forward from it and builds nodes for
 * that page only; `totalCount` is counted only when asked for. Benchmarks list 10,000 repositories through it.
 */
interface OrgRepositoriesArgs extends PageArgs {
  isArchived?: boolean | null;
  isFork?: boolean | null;
  orderBy?: { field: string; direction: "ASC" | "DESC" } | null;
}

export function organizationNode(ctx: GraphQLContext, org: Org) {
  const { store } = ctx.core;
  return {
    ...accountNode(ctx, org),
    repositories: (args: OrgRepositoriesArgs) => {
      const order = args.orderBy;
      if (order && (order.field !== "CREATED_AT" || order.direction !== "ASC"))
        throw new TypedGraphQLError(
          "UNPROCESSABLE",
          "The GitHub emulator lists an organization's repositories oldest first only (CREATED_AT ASC)",
        );
      const matches = (r: Repo) =>
        grantSees(store, ctx, r) &&
        (args.isArchived == null || r.archived === args.isArchived) &&
        (args.isFork == null || r.fork === args.isFork);
      const page = pageForward("repositories", store.reposOf(org), matches, args);
      for (const { node } of page.edges) ctx.touched.add(fullName(node));
      const edges = page.edges.map((e) => ({ cursor: e.cursor, node: repositoryNode(ctx, e.node) }));
      return {
        totalCount: () => store.reposOf(org).filter(matches).length,
        nodes: edges.map((e) => e.node),
        edges,
        pageInfo: page.pageInfo,
      };
    },
  };
}
