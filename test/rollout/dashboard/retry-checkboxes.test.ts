/** Ticking a failing repository's box retries it; only boxes the app rendered, unticked before, count. */
import { describe, expect, it } from "vitest";
import { renderDashboard } from "../../../src/rollout/dashboard/render-dashboard.js";
import { checkedRetries } from "../../../src/rollout/dashboard/retry-checkboxes.js";
import { summarizeRollout } from "../../../src/rollout/dashboard/summary.js";
import { rolloutInput } from "./fixtures.js";

const rendered = () => renderDashboard(summarizeRollout(rolloutInput()));
/** What GitHub does when someone ticks the box on the line naming `repository`. */
const tick = (body: string, repository: string) =>
  body
    .split("\n")
    .map((l) =>
      l.startsWith("- [ ] ") && l.includes(` ${repository} -->`) ? l.replace("- [ ]", "- [x]") : l,
    )
    .join("\n");

describe("checkedRetries", () => {
  it("returns the repository whose box was ticked, with its ids", () => {
    const old = rendered();
    expect(checkedRetries(old, tick(old, "acme/web-ui"))).toEqual([
      { owner: "acme", name: "web-ui", ownerId: 5, repoId: 7002 },
    ]);
  });

  it("returns every box ticked in one edit, and nothing when none was", () => {
    const old = rendered();
    expect(checkedRetries(old, tick(tick(old, "acme/web-ui"), "acme/payments")).map((r) => r.name)).toEqual([
      "payments",
      "web-ui",
    ]);
    expect(checkedRetries(old, old)).toEqual([]);
  });

  it("accepts GitHub's capital X and Windows line endings", () => {
    const old = rendered();
    const ticked = tick(old, "acme/payments").replace("- [x]", "- [X]").replaceAll("\n", "\r\n");
    expect(checkedRetries(old, ticked).map((r) => r.name)).toEqual(["payments"]);
  });

  it("ignores a line someone added by hand, ticked, even with the app's marker form", () => {
    const old = rendered();
    const forged = `${old}\n- [x] retry me <!-- jfrog-oidc-rollout:retry 5/9999 acme/secret-thing -->`;
    expect(checkedRetries(old, forged)).toEqual([]);
  });

  it("ignores a row whose ids were changed to point at another repository", () => {
    const old = rendered();
    const retargeted = tick(old, "acme/payments").replace(
      "retry 5/7001 acme/payments",
      "retry 5/9999 acme/payments",
    );
    expect(checkedRetries(old, retargeted)).toEqual([]);
  });

  it("ignores a row planted unticked in one edit and ticked in the next, when the old body is the app's", () => {
    const old = rendered();
    const planted = `${old}\n- [ ] x <!-- jfrog-oidc-rollout:retry 5/9999 acme/secret-thing -->`;
    const ticked = planted.replace("- [ ] x", "- [x] x");
    expect(checkedRetries(old, ticked)).toEqual([]);
  });

  it("ignores a box that was already ticked, and bodies that are not the dashboard", () => {
    const old = tick(rendered(), "acme/payments");
    expect(checkedRetries(old, old)).toEqual([]);
    const notDashboard = "- [ ] x <!-- jfrog-oidc-rollout:retry 5/7001 acme/payments -->";
    expect(checkedRetries(notDashboard, notDashboard.replace("[ ]", "[x]"))).toEqual([]);
  });

  it("ignores a marker moved inside a code block or quoted (not at the end of a task line)", () => {
    const old = rendered();
    const quoted = old.replace(/^- \[ \] (`acme\/payments`.*)$/m, "> - [x] $1");
    expect(checkedRetries(old, quoted)).toEqual([]);
  });
});
