import { describe, expect, it } from "vitest";
import { issueComment, replies } from "./comments.js";
import { fakeRepo } from "./fake-github.js";
import { SECRETS } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness((created) => {
  h = created;
});

function maintained() {
  return h.github.add(fakeRepo({ collaborators: { lead: "maintain" } }));
}

describe("replies", () => {
  it("come one per command, in the comment's order, after one 👀", async () => {
    const repo = maintained();
    await h.deliver(
      issueComment(
        repo,
        "Let's go:\r\n/jfrog-oidc plan\r\n/JFROG-OIDC Setup\r\n/jfrog-oidc status\r\nthanks!",
        {
          login: "lead",
          commentId: 3,
        },
      ),
    );
    expect(repo.comments.map((c) => c.body.split("\n").slice(0, 2).join(" "))).toEqual([
      "<!-- jfrog-oidc-rollout:reply comment=3 command=1/3 --> #### `/jfrog-oidc plan`",
      "<!-- jfrog-oidc-rollout:reply comment=3 command=2/3 --> #### `/jfrog-oidc setup`",
      "<!-- jfrog-oidc-rollout:reply comment=3 command=3/3 --> #### `/jfrog-oidc status`",
    ]);
    expect(repo.reactions).toHaveLength(1);
    expect(replies(repo)[2]).toContain("✅ present and as the org policy wants");
  });

  it("mix refusals and results per command", async () => {
    const repo = maintained();
    await h.deliver(issueComment(repo, "/jfrog-oidc status\n/jfrog-oidc rollout status", { login: "lead" }));
    expect(replies(repo).map((r) => r.split("\n")[2]?.slice(0, 12))).toEqual([
      "| what | sta",
      "🔒 **Not all",
    ]);
    expect(repo.reactions.map((r) => r.content)).toEqual(["eyes"]);
  });

  it("answer an unknown command with the general help, and a bad option with that command's help", async () => {
    const repo = maintained();
    await h.deliver(
      issueComment(
        repo,
        "/jfrog-oidc destroy-everything\n/jfrog-oidc status verbose=yes\n/jfrog-oidc rollout go",
        {
          login: "lead",
        },
      ),
    );
    const [unknown, badOption, badSub] = replies(repo);
    expect(unknown).toContain("⚠️ unknown command `destroy-everything`.");
    expect(unknown).toContain("| command | what it does | who may run it | you |");
    expect(badOption).toContain("⚠️ `status` takes no options (got `verbose`).");
    expect(badOption).toContain("**Usage:** `/jfrog-oidc status` — this repository's state");
    expect(badSub).toContain("⚠️ unknown rollout command `go`.");
    expect(h.jfrog.requests).toEqual([]);
  });

  it("run at most five commands of a comment and say so", async () => {
    const repo = maintained();
    await h.deliver(issueComment(repo, Array(8).fill("/jfrog-oidc help").join("\n"), { login: "lead" }));
    expect(replies(repo)).toHaveLength(5);
    expect(replies(repo)[4]).toContain(
      "_3 more command(s) in the comment were not run: at most 5 per comment._",
    );
  });

  it("never echo markup or mentions from the comment", async () => {
    const repo = maintained();
    await h.deliver(
      issueComment(repo, "/jfrog-oidc <img src=x onerror=alert(1)>@everyone`](http://evil)", {
        login: "lead",
      }),
    );
    const reply = replies(repo)[0] ?? "";
    expect(reply).toContain("⚠️ unknown command `<img`.");
    expect(reply).not.toContain("@everyone");
    expect(reply).not.toContain("evil");
  });

  it("stay well under GitHub's size limit, and never carry a secret", async () => {
    const repo = maintained();
    const body = `/jfrog-oidc verify environment="${"x".repeat(250)}"\n/jfrog-oidc status\n${"🙂".repeat(30_000)}`;
    await h.deliver(issueComment(repo, body, { login: "lead" }));
    for (const reply of repo.comments) expect(reply.body.length).toBeLessThan(30_001);
    const everything = [...repo.comments.map((c) => c.body), ...h.lines].join("\n");
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
