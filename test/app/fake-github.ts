/**
 * GitHub at the network edge, for Probot tests: nock interceptors whose replies come from a small state model, so
 * a second run sees what the first one wrote. Only the routes the app uses; every GraphQL document is validated
 * against GitHub's published schema before it is answered.
 *
 * Being retired: the GitHub emulator (`src/sandbox/github`) is the one model of GitHub, and its request log keeps
 * each request's body for exact-request assertions. Write new app scenarios as e2e tests on the emulator
 * (`test/e2e/`), or as unit tests on the emulated edges (`test/reconcile/emulated-org.ts`); the suites still here
 * move over one by one, then this file goes.
 */
import { createHash } from "node:crypto";
import { validate } from "@octokit/graphql-schema";
import nock from "nock";

export const GITHUB = "https://api.github.com";
export const INSTALLATION_TOKEN = "ghs_installationTokenForTests0123456789";
/** The login GitHub shows for the app's own writes. */
export const APP_BOT = "jfrog-oidc-rollout[bot]";

export interface FakeRepo {
  id: number;
  owner: string;
  ownerId: number;
  name: string;
  defaultBranch: string;
  visibility: "PUBLIC" | "PRIVATE" | "INTERNAL";
  isArchived: boolean;
  isFork: boolean;
  /** branch name → head oid and files (path → text). An empty repository has no branches. */
  branches: Map<string, { oid: string; files: Record<string, string> }>;
  pulls: Array<{
    number: number;
    head: string;
    base: string;
    state: "OPEN" | "CLOSED" | "MERGED";
    title: string;
    body: string;
    draft: boolean;
    labels: string[];
    requestedReviewers: string[];
  }>;
  checkRuns: Array<{
    name: string;
    head_sha: string;
    conclusion: string;
    output: { title: string; summary: string };
  }>;
  comments: Array<{ issue: number; body: string }>;
  /** Repository labels (the app's opt-out record is one). */
  labels: Array<{ name: string; color?: string; description?: string }>;
  /** Reactions on issue comments; `user` is APP_BOT for the ones the app made. */
  reactions: Array<{ commentId: number; content: string; user: string }>;
  /** login → `role_name` as GitHub reports it (`admin`, `maintain`, `write`, `triage`, `read` or a custom role). */
  collaborators: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

let oidCounter = 0;
export function nextOid(): string {
  return createHash("sha1").update(String(++oidCounter)).digest("hex");
}

export function fakeRepo(
  overrides: Partial<FakeRepo> & { files?: Record<string, string> | null } = {},
): FakeRepo {
  const { files = { "README.md": "# app\n", "package.json": "{}\n" }, ...rest } = overrides;
  const repo: FakeRepo = {
    id: 186853261,
    owner: "Octocoders",
    ownerId: 38302899,
    name: "Hello-World",
    defaultBranch: "master",
    visibility: "PRIVATE",
    isArchived: false,
    isFork: false,
    branches: new Map(),
    pulls: [],
    checkRuns: [],
    comments: [],
    labels: [],
    reactions: [],
    collaborators: {},
    ...rest,
  };
  if (files) repo.branches.set(repo.defaultBranch, { oid: nextOid(), files: { ...files } });
  return repo;
}

export class FakeGitHub {
  /** @param timeline shared with the JFrog fake, to assert the order of calls across both services */
  constructor(private readonly timeline: string[] = []) {}

  readonly repos = new Map<string, FakeRepo>();
  readonly requests: RecordedRequest[] = [];
  readonly graphqlErrors: string[] = [];
  /** Routes that answer with an error status next time (`METHOD /path`), for outage tests. */
  readonly failures = new Map<string, number>();
  /** `org/login` (lower case) → org membership role (`admin` is an org owner). */
  readonly orgRoles = new Map<string, "admin" | "member">();

  add(repo: FakeRepo): FakeRepo {
    this.repos.set(`${repo.owner}/${repo.name}`.toLowerCase(), repo);
    return repo;
  }

  repo(owner: string, name: string): FakeRepo {
    const repo = this.repos.get(`${owner}/${name}`.toLowerCase());
    if (!repo) throw Object.assign(new Error("Not Found"), { status: 404 });
    return repo;
  }

  /** Requests other than the token exchange, as `METHOD path` lines. */
  calls(): string[] {
    return this.requests
      .filter((r) => !r.path.includes("/access_tokens"))
      .map((r) => `${r.method} ${r.path}`);
  }

  /** Content-generating requests (GitHub's secondary-limit "content creation" budget). */
  writes(): string[] {
    return this.calls().filter((c) => !c.startsWith("GET ") && !c.startsWith("POST /graphql query"));
  }

  install(): void {
    const scope = nock(GITHUB).persist();
    scope.post(/^\/app\/installations\/\d+\/access_tokens$/).reply((uri) => {
      this.requests.push({ method: "POST", path: uri, body: null });
      return [201, { token: INSTALLATION_TOKEN, expires_at: "2099-01-01T00:00:00Z", permissions: {} }];
    });
    scope
      .post("/graphql")
      .reply((_uri, body) => this.graphql(body as { query: string; variables: Record<string, unknown> }));
    for (const method of ["get", "post", "patch", "delete"] as const)
      scope[method](/^\/repos\//).reply((uri, body) => this.rest(method.toUpperCase(), uri, body));
    scope.get(/^\/orgs\/[^/]+\/memberships\/[^/]+$/).reply((uri) => this.membership(uri));
    scope.get(/^\/installation\/repositories/).reply((uri) => this.installationRepositories(uri));
  }

  /** `GET /orgs/{org}/memberships/{username}`: 404 for anyone who is not a member. */
  private membership(uri: string): nock.ReplyFnResult {
    const path = decodeURIComponent(new URL(uri, GITHUB).pathname);
    this.requests.push({ method: "GET", path, body: null });
    const [, , org = "", , login = ""] = path.split("/");
    const role = this.orgRoles.get(`${org}/${login}`.toLowerCase());
    if (!role) return [404, { message: "Not Found" }];
    return [200, { state: "active", role, user: { login }, organization: { login: org } }];
  }

  /** `GET /installation/repositories`, one page of up to `per_page` (GitHub's default 30). */
  private installationRepositories(uri: string): nock.ReplyFnResult {
    const url = new URL(uri, GITHUB);
    this.requests.push({ method: "GET", path: `${url.pathname}${url.search}`, body: null });
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const all = [...this.repos.values()];
    const repositories = all.slice((page - 1) * perPage, page * perPage).map((r) => ({
      id: r.id,
      name: r.name,
      full_name: `${r.owner}/${r.name}`,
      owner: { login: r.owner, id: r.ownerId },
      archived: r.isArchived,
      fork: r.isFork,
      visibility: r.visibility.toLowerCase(),
    }));
    const headers: Record<string, string> = {};
    if (page * perPage < all.length)
      headers.link = `<${GITHUB}/installation/repositories?per_page=${perPage}&page=${page + 1}>; rel="next"`;
    return [200, { total_count: all.length, repositories }, headers];
  }

  private rest(method: string, uri: string, body: unknown): nock.ReplyFnResult {
    const url = new URL(uri, GITHUB);
    const path = decodeURIComponent(url.pathname);
    this.requests.push({ method, path: `${path}${url.search}`, body });
    this.timeline.push(`github ${method} ${path}`);
    const failure = this.failures.get(`${method} ${path}`);
    if (failure) {
      this.failures.delete(`${method} ${path}`);
      return [failure, { message: "Server Error" }];
    }
    const m = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)$/);
    if (!m) return [404, { message: "Not Found" }];
    const [, owner = "", name = "", rest = ""] = m;
    let repo: FakeRepo;
    try {
      repo = this.repo(owner, name);
    } catch {
      return [404, { message: "Not Found" }];
    }
    return this.route(repo, method, rest, url.searchParams, body as Record<string, unknown>);
  }

  private route(
    repo: FakeRepo,
    method: string,
    rest: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): nock.ReplyFnResult {
    for (const [routeMethod, pattern, handler] of ROUTES) {
      const match = routeMethod === method ? rest.match(pattern) : null;
      if (match) return handler(repo, match, body, query);
    }
    return [404, { message: `fake GitHub does not serve ${method} ${rest}` }];
  }

  private graphql({
    query,
    variables,
  }: {
    query: string;
    variables: Record<string, unknown>;
  }): nock.ReplyFnResult {
    const errors = validate(query);
    const operation =
      query
        .match(/(query|mutation)\s+(\w+)/)
        ?.slice(1, 3)
        .join(" ") ?? "anonymous";
    this.requests.push({ method: "POST", path: `/graphql ${operation}`, body: variables });
    this.timeline.push(`github POST /graphql ${operation}`);
    if (errors.length) {
      this.graphqlErrors.push(...errors.map((e) => e.message));
      return [200, { errors: errors.map((e) => ({ message: e.message })) }];
    }
    if (operation === "query ObserveRepository")
      return [200, { data: { repository: this.observe(variables) } }];
    if (operation === "mutation AddWorkflowFile") return this.commit(variables.input as CommitInput);
    if (operation === "query ReadWorkflowFiles")
      return [200, { data: { repository: this.workflowFiles(variables) } }];
    return [200, { errors: [{ message: `fake GitHub does not answer ${operation}` }] }];
  }

  /** `.github/workflows/*` and `.github/actions/<name>/action.yml` at the commit `$workflows` names (`<oid>:<dir>`). */
  private workflowFiles(v: Record<string, unknown>) {
    const repo = this.repos.get(`${v.owner}/${v.name}`.toLowerCase());
    if (!repo) return null;
    const oid = String(v.workflows).split(":")[0];
    const files = [...repo.branches.values()].find((b) => b.oid === oid)?.files ?? {};
    const under = (dir: string) =>
      Object.entries(files).flatMap(([path, text]) =>
        path.startsWith(dir) ? [{ rest: path.slice(dir.length), text }] : [],
      );
    const workflows = under(".github/workflows/").filter((f) => !f.rest.includes("/"));
    const actions = new Map<
      string,
      Array<{ name: string; object: { text: string; isTruncated: boolean } }>
    >();
    for (const f of under(".github/actions/")) {
      const [dir = "", name = "", ...deeper] = f.rest.split("/");
      if (deeper.length > 0) continue;
      actions.set(dir, [...(actions.get(dir) ?? []), { name, object: { text: f.text, isTruncated: false } }]);
    }
    return {
      workflows: workflows.length
        ? { entries: workflows.map((f) => ({ name: f.rest, object: { text: f.text, isTruncated: false } })) }
        : null,
      actions: actions.size
        ? { entries: [...actions].map(([name, entries]) => ({ name, object: { entries } })) }
        : null,
    };
  }

  private observe(v: Record<string, unknown>) {
    const repo = this.repos.get(`${v.owner}/${v.name}`.toLowerCase());
    if (!repo) return null;
    const head = repo.branches.get(repo.defaultBranch);
    const blob = (files: Record<string, string> | undefined, expression: unknown) => {
      const path = String(expression).split(":").slice(1).join(":");
      const text = files?.[path];
      return text === undefined ? null : { text };
    };
    const branchName = String(v.branchName);
    const branch = repo.branches.get(branchName);
    return {
      databaseId: repo.id,
      name: repo.name,
      nameWithOwner: `${repo.owner}/${repo.name}`,
      isArchived: repo.isArchived,
      isFork: repo.isFork,
      visibility: repo.visibility,
      owner: { login: repo.owner, databaseId: repo.ownerId },
      defaultBranchRef: { name: repo.defaultBranch, target: head ? { oid: head.oid } : null },
      rootTree: head
        ? {
            entries: Object.keys(head.files)
              .filter((f) => !f.includes("/"))
              .map((name) => ({ name })),
          }
        : null,
      workflow: blob(head?.files, v.workflowExpression),
      config: blob(head?.files, v.configExpression),
      onboardingBranch: branch ? { target: { oid: branch.oid } } : null,
      branchWorkflow: blob(branch?.files, v.branchWorkflowExpression),
      optOutLabel:
        repo.labels
          .filter((l) => l.name.toLowerCase() === String(v.optOutLabel).toLowerCase())
          .map((l) => ({ name: l.name }))[0] ?? null,
      pullRequests: {
        nodes: repo.pulls
          .filter((p) => p.head === branchName)
          .reverse()
          .map((p) => ({
            number: p.number,
            state: p.state,
            url: `https://github.com/${repo.owner}/${repo.name}/pull/${p.number}`,
            labels: { nodes: p.labels.map((name) => ({ name })) },
            reviewRequests: { totalCount: p.requestedReviewers.length },
            reviews: { totalCount: 0 },
          })),
      },
    };
  }

  private commit(input: CommitInput): nock.ReplyFnResult {
    const [owner = "", name = ""] = input.branch.repositoryNameWithOwner.split("/");
    const repo = this.repos.get(`${owner}/${name}`.toLowerCase());
    const branch = repo?.branches.get(input.branch.branchName);
    if (!branch) return [200, { data: null, errors: [{ type: "NOT_FOUND", message: "branch not found" }] }];
    if (branch.oid !== input.expectedHeadOid)
      return [
        200,
        {
          data: null,
          errors: [{ message: `Expected branch to point to "${input.expectedHeadOid}" but it did not` }],
        },
      ];
    for (const file of input.fileChanges.additions ?? [])
      branch.files[file.path] = Buffer.from(file.contents, "base64").toString("utf8");
    branch.oid = nextOid();
    return [200, { data: { createCommitOnBranch: { commit: { oid: branch.oid } } } }];
  }

  /** What a merge of the onboarding PR would do: its files land on the default branch. */
  merge(repo: FakeRepo, number: number): void {
    const pull = repo.pulls.find((p) => p.number === number);
    const branch = pull && repo.branches.get(pull.head);
    const head = repo.branches.get(repo.defaultBranch);
    if (!pull || !branch || !head) throw new Error("cannot merge");
    head.files = { ...head.files, ...branch.files };
    head.oid = nextOid();
    pull.state = "MERGED";
  }
}

interface CommitInput {
  branch: { repositoryNameWithOwner: string; branchName: string };
  expectedHeadOid: string;
  fileChanges: { additions?: Array<{ path: string; contents: string }> };
}

type RouteHandler = (
  repo: FakeRepo,
  m: RegExpMatchArray,
  body: Record<string, unknown>,
  query: URLSearchParams,
) => nock.ReplyFnResult;

const notFound: nock.ReplyFnResult = [404, { message: "Not Found" }];

/** The REST routes the app uses, relative to `/repos/{owner}/{repo}`. */
const ROUTES: Array<[string, RegExp, RouteHandler]> = [
  [
    "GET",
    /^\/contents\/(.+)$/,
    (repo, m) => {
      const text = repo.branches.get(repo.defaultBranch)?.files[m[1] ?? ""];
      return text === undefined ? notFound : [200, text, { "content-type": "text/plain; charset=utf-8" }];
    },
  ],
  [
    "GET",
    /^\/commits$/,
    (repo) => {
      const head = repo.branches.get(repo.defaultBranch);
      return [200, head ? [{ sha: head.oid }] : []];
    },
  ],
  [
    "POST",
    /^\/check-runs$/,
    (repo, _m, body) => {
      repo.checkRuns.push(body as FakeRepo["checkRuns"][number]);
      return [201, { id: repo.checkRuns.length }];
    },
  ],
  [
    "POST",
    /^\/git\/refs$/,
    (repo, _m, body) => {
      const branch = String(body.ref).replace(/^refs\/heads\//, "");
      if (repo.branches.has(branch)) return [422, { message: "Reference already exists" }];
      const from = [...repo.branches.values()].find((b) => b.oid === body.sha);
      if (!from) return [422, { message: "Object does not exist" }];
      repo.branches.set(branch, { oid: from.oid, files: { ...from.files } });
      return [201, { ref: body.ref, object: { sha: from.oid } }];
    },
  ],
  [
    "GET",
    /^\/git\/ref\/heads\/(.+)$/,
    (repo, m) => {
      const branch = repo.branches.get(m[1] ?? "");
      return branch ? [200, { object: { sha: branch.oid } }] : notFound;
    },
  ],
  [
    "POST",
    /^\/pulls$/,
    (repo, _m, body) => {
      const head = String(body.head);
      if (!repo.branches.has(head))
        return [422, { message: "Validation Failed", errors: [{ field: "head", code: "invalid" }] }];
      if (repo.pulls.some((p) => p.head === head && p.state === "OPEN"))
        return [
          422,
          { message: "Validation Failed", errors: [{ message: "A pull request already exists" }] },
        ];
      const number = repo.pulls.length + 1;
      repo.pulls.push({
        number,
        head,
        base: String(body.base),
        state: "OPEN",
        title: String(body.title),
        body: String(body.body),
        draft: Boolean(body.draft),
        labels: [],
        requestedReviewers: [],
      });
      return [201, { number, html_url: `https://github.com/${repo.owner}/${repo.name}/pull/${number}` }];
    },
  ],
  [
    "GET",
    /^\/pulls$/,
    (repo, _m, _body, query) => {
      const head = query.get("head")?.split(":")[1];
      const open = repo.pulls.filter((p) => p.head === head && p.state === "OPEN");
      return [200, open.map((p) => ({ number: p.number, html_url: "" }))];
    },
  ],
  [
    "PATCH",
    /^\/pulls\/(\d+)$/,
    (repo, m, body) => {
      const pull = repo.pulls.find((p) => p.number === Number(m[1]));
      if (!pull) return notFound;
      if (typeof body.body === "string") pull.body = body.body;
      if (body.state === "closed") pull.state = "CLOSED";
      return [200, { number: pull.number }];
    },
  ],
  [
    "POST",
    /^\/issues\/(\d+)\/labels$/,
    (repo, m, body) => {
      repo.pulls.find((p) => p.number === Number(m[1]))?.labels.push(...(body.labels as string[]));
      return [200, []];
    },
  ],
  [
    "POST",
    /^\/pulls\/(\d+)\/requested_reviewers$/,
    (repo, m, body) => {
      const pull = repo.pulls.find((p) => p.number === Number(m[1]));
      const asked = [...((body.reviewers as string[]) ?? []), ...((body.team_reviewers as string[]) ?? [])];
      pull?.requestedReviewers.push(...asked);
      return [201, {}];
    },
  ],
  [
    "POST",
    /^\/issues\/comments\/(\d+)\/reactions$/,
    (repo, m, body) => {
      const reaction = { commentId: Number(m[1]), content: String(body.content), user: APP_BOT };
      const exists = repo.reactions.some(
        (r) => r.commentId === reaction.commentId && r.content === reaction.content && r.user === APP_BOT,
      );
      // GitHub answers 200 when the same user already left this reaction, 201 when it is new.
      if (exists) return [200, { content: reaction.content }];
      repo.reactions.push(reaction);
      return [201, { content: reaction.content }];
    },
  ],
  [
    "GET",
    /^\/collaborators\/([^/]+)\/permission$/,
    (repo, m) => {
      const role = repo.collaborators[m[1] ?? ""];
      if (!role) return [404, { message: `${m[1]} is not a user` }];
      const legacy: Record<string, string> = { admin: "admin", maintain: "write", write: "write" };
      return [200, { permission: legacy[role] ?? "read", role_name: role, user: { login: m[1] } }];
    },
  ],
  [
    "POST",
    /^\/labels$/,
    (repo, _m, body) => {
      const name = String(body.name);
      if (repo.labels.some((l) => l.name.toLowerCase() === name.toLowerCase()))
        return [
          422,
          { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists" }] },
        ];
      repo.labels.push({ name, color: String(body.color), description: String(body.description) });
      return [201, { name }];
    },
  ],
  [
    "DELETE",
    /^\/labels\/(.+)$/,
    (repo, m) => {
      const index = repo.labels.findIndex((l) => l.name.toLowerCase() === (m[1] ?? "").toLowerCase());
      if (index === -1) return notFound;
      repo.labels.splice(index, 1);
      return [204, ""];
    },
  ],
  [
    "GET",
    /^\/issues\/(\d+)\/comments$/,
    // Every comment here is one the app left (people's comments arrive as webhooks only).
    (repo, m) => [
      200,
      repo.comments
        .filter((c) => c.issue === Number(m[1]))
        .map((c, i) => ({ id: i + 1, body: c.body, user: { login: APP_BOT, type: "Bot" } })),
    ],
  ],
  [
    "POST",
    /^\/issues\/(\d+)\/comments$/,
    (repo, m, body) => {
      repo.comments.push({ issue: Number(m[1]), body: String(body.body) });
      return [201, { id: repo.comments.length }];
    },
  ],
];
