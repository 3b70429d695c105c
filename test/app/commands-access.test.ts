import { describe, expect, it } from "vitest";
import { issueComment, replies } from "./comments.js";
import { APP_BOT, fakeRepo } from "./fake-github.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness((created) => {
  h = created;
});

const ROLES = {
  owner: "admin",
  lead: "maintain",
  dev: "write",
  triager: "triage",
  reader: "read",
  auditor: "security-auditor", // a custom role: GitHub reports it by name
};

function team() {
  return h.github.add(fakeRepo({ collaborators: { ...ROLES } }));
}

describe("who may run repository commands", () => {
  it.each([
    ["owner", true],
    ["lead", true],
  ])("%s (%s on the repository) may", async (login) => {
    const repo = team();
    await h.deliver(issueComment(repo, "/jfrog-oidc setup", { login }));
    expect(h.jfrog.mappings.size).toBe(1);
    expect(repo.reactions.map((r) => r.content)).toEqual(["eyes"]);
  });

  it.each([
    ["dev", "your role is `write`"],
    ["triager", "your role is `triage`"],
    ["reader", "your role is `read`"],
    ["auditor", "your role is `security-auditor`"],
    ["stranger", "you are not a collaborator"],
  ])("%s may not, and is told which permission is missing", async (login, yours) => {
    const repo = team();
    await h.deliver(issueComment(repo, "/jfrog-oidc setup", { login }));

    expect(replies(repo)).toEqual([
      [
        "#### `/jfrog-oidc setup`",
        "",
        `🔒 **Not allowed:** this command needs the **maintain** or **admin** role on \`Octocoders/Hello-World\`; ${yours}.`,
      ].join("\n"),
    ]);
    expect(repo.reactions.map((r) => r.content)).toEqual(["confused"]);
    expect(h.jfrog.requests).toEqual([]);
    expect(h.github.calls().filter((c) => c.includes("graphql") || c.includes(".github/contents"))).toEqual(
      [],
    );
  });

  it("lets anyone read the help, which says what they may run", async () => {
    const repo = team();
    await h.deliver(issueComment(repo, "/jfrog-oidc help", { login: "stranger" }));
    const reply = replies(repo)[0] ?? "";
    expect(reply).toContain(
      "| `/jfrog-oidc help` | what this app does here and the commands you may run | anyone | ✅ |",
    );
    expect(reply).toMatch(/\| `\/jfrog-oidc sync` \| .* \| maintain or admin on this repository \| — \|/);
    expect(reply).toMatch(/\| `\/jfrog-oidc rollout status` \| .* \| — \|/);
  });
});

describe("help when GitHub cannot say who may do what", () => {
  it("still answers, leaving the commenter's column blank", async () => {
    const repo = team();
    h.github.failures.set("GET /repos/Octocoders/Hello-World/collaborators/stranger/permission", 502);
    await h.deliver(issueComment(repo, "/jfrog-oidc help", { login: "stranger" }));
    const reply = replies(repo)[0] ?? "";
    expect(reply).toContain(
      "| `/jfrog-oidc help` | what this app does here and the commands you may run | anyone | ✅ |",
    );
    expect(reply).not.toMatch(/went wrong|failed/i);
  });
});

describe("which comments count", () => {
  it.each([
    ["an edited comment", { action: "edited" as const }],
    ["a deleted comment", { action: "deleted" as const }],
    ["a bot's comment", { bot: true }],
  ])("%s is ignored without a single request", async (_name, options) => {
    const repo = team();
    await h.deliver(issueComment(repo, "/jfrog-oidc disable", { login: "owner", ...options }));
    expect(h.github.calls()).toEqual([]);
    expect(h.jfrog.requests).toEqual([]);
  });

  it("a comment whose author is not the sender is ignored: permissions are only ever checked for the author", async () => {
    const repo = team();
    const delivery = issueComment(repo, "/jfrog-oidc disable", { login: "stranger" });
    Object.assign(delivery.payload.sender, { login: "owner" });
    await h.deliver(delivery);
    expect(h.github.calls()).toEqual([]);
    expect(h.jfrog.requests).toEqual([]);
  });

  it.each([
    ["inside a code fence", "Run this:\n\n```\n/jfrog-oidc disable\n```"],
    ["in a quote", "> /jfrog-oidc disable\n\nshould I?"],
    ["in the middle of a line", "please run /jfrog-oidc disable"],
    ["indented as code", "    /jfrog-oidc disable"],
    ["in an HTML comment", "<!--\n/jfrog-oidc disable\n-->"],
  ])("a command %s does not run", async (_name, body) => {
    const repo = team();
    await h.deliver(issueComment(repo, body, { login: "owner" }));
    expect(h.github.calls()).toEqual([]);
  });
});

describe("the same comment delivered twice", () => {
  it("is answered once: the app's reaction is the marker, whatever replica or restart sees it", async () => {
    const repo = team();
    await h.deliver(repositoryCreated(repo));
    const comment = issueComment(repo, "/jfrog-oidc status", { login: "lead", commentId: 900 });
    await h.deliver(comment, "delivery-a");
    await h.deliver(structuredClone(comment), "delivery-b");

    expect(replies(repo)).toHaveLength(1);
    expect(repo.reactions).toEqual([{ commentId: 900, content: "eyes", user: APP_BOT }]);
    expect(h.logs().some((l) => l.msg.includes("duplicate delivery, ignored"))).toBe(true);
  });

  it("is answered when the app claimed it but stopped before replying (the job runs again after a crash)", async () => {
    const repo = team();
    await h.deliver(repositoryCreated(repo));
    // The app's 👀 is there, its reply is not: the process died in between.
    repo.reactions.push({ commentId: 902, content: "eyes", user: APP_BOT });
    await h.deliver(issueComment(repo, "/jfrog-oidc status", { login: "lead", commentId: 902 }));

    expect(replies(repo)).toHaveLength(1);
    expect(repo.reactions).toEqual([{ commentId: 902, content: "eyes", user: APP_BOT }]);
    expect(h.logs().some((l) => l.msg.includes("claimed earlier but not answered"))).toBe(true);
  });

  it("is still answered when a person (not the app) already reacted with 👀", async () => {
    const repo = team();
    repo.reactions.push({ commentId: 901, content: "eyes", user: "lead" });
    await h.deliver(issueComment(repo, "/jfrog-oidc status", { login: "lead", commentId: 901 }));
    expect(replies(repo)).toHaveLength(1);
  });
});

describe("/jfrog-oidc rollout status (org level)", () => {
  function orgRepo() {
    const dotGithub = h.github.repo("Octocoders", ".github");
    dotGithub.collaborators = { ...ROLES };
    return dotGithub;
  }

  it("is refused outside the org's .github repository, even for an org owner", async () => {
    const repo = team();
    h.github.orgRoles.set("octocoders/owner", "admin");
    await h.deliver(issueComment(repo, "/jfrog-oidc rollout status", { login: "owner" }));
    expect(replies(repo)[0]).toContain(
      "🔒 **Not allowed:** org-level commands run only in the organization's `Octocoders/.github` repository.",
    );
    expect(h.github.calls().some((c) => c.includes("/memberships/"))).toBe(false);
  });

  it("is refused to a repository admin who is not an org owner", async () => {
    const dotGithub = orgRepo();
    h.github.orgRoles.set("octocoders/owner", "member");
    await h.deliver(issueComment(dotGithub, "/jfrog-oidc rollout status", { login: "owner" }));
    expect(replies(dotGithub)[0]).toContain(
      "🔒 **Not allowed:** this command needs the **owner** role in the `Octocoders` organization; your membership role is `member`.",
    );
  });

  it("gives an org owner counts, never names", async () => {
    const dotGithub = orgRepo();
    h.github.orgRoles.set("octocoders/boss", "admin");
    const onboarded = h.github.add(fakeRepo({ id: 11, name: "payments" }));
    h.github.add(fakeRepo({ id: 12, name: "legacy", isArchived: true }));
    h.github.add(fakeRepo({ id: 13, name: "web" }));
    await h.deliver(repositoryCreated(onboarded));
    await h.deliver(issueComment(dotGithub, "/jfrog-oidc rollout status", { login: "boss" }));

    const reply = replies(dotGithub)[0] ?? "";
    expect(reply).toContain("| Repositories the app is installed on | 4 |");
    // `.github` holds the policy and is not onboarded by default (repositories.dotGithub).
    expect(reply).toContain("| …in scope by the policy's rules | 2 |");
    expect(reply).toContain("| …of those with the app's identity mapping | 1 |");
    expect(reply).toContain("| …of those still without one | 1 |");
    for (const name of ["payments", "legacy", "web"]) expect(reply).not.toContain(name);
  });

  it("counts only public repositories when the .github repository is public", async () => {
    const dotGithub = orgRepo();
    dotGithub.visibility = "PUBLIC";
    h.github.orgRoles.set("octocoders/boss", "admin");
    h.github.add(fakeRepo({ id: 11, name: "public-lib", visibility: "PUBLIC" }));
    h.github.add(fakeRepo({ id: 12, name: "private-app" }));
    await h.deliver(issueComment(dotGithub, "/jfrog-oidc rollout status", { login: "boss" }));

    const reply = replies(dotGithub)[0] ?? "";
    expect(reply).toContain("| Public repositories the app is installed on | 2 |");
    expect(reply).toContain("private and internal repositories are left out of the counts");
  });
});

describe("when GitHub cannot say who the commenter is", () => {
  it("the command is refused with the reason, and still answered", async () => {
    const repo = team();
    h.github.failures.set("GET /repos/Octocoders/Hello-World/collaborators/lead/permission", 502);
    await h.deliver(issueComment(repo, "/jfrog-oidc status", { login: "lead" }));
    expect(replies(repo)[0]).toContain(
      "🔒 **Not allowed:** the app could not check your permission (GitHub answered HTTP 502); try again in a few minutes.",
    );
  });
});
