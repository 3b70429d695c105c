/**
 * The words a failed command's reply and a failed policy preview share: what went wrong and what to do, never the
 * error's own text (it may carry JFrog's wording about its internals).
 */
import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/github/failure-words.js";
import { JFrogError } from "../../src/jfrog/errors.js";

const jfrog = (kind: "auth" | "unavailable" | "validation", status: number) =>
  new JFrogError("internal: node jf-3 refused /access/api/v1/oidc", {
    operation: "x",
    kind,
    retryable: false,
    status,
  });
const github = (status: number) =>
  new RequestError("Resource not accessible by integration", status, {
    request: { method: "GET", url: "https://api.github.com/repos/acme/x", headers: {} },
  });

describe("describeFailure", () => {
  it("tells a command's author to try again, and a preview report that JFrog was down after the retries", () => {
    expect(describeFailure(jfrog("unavailable", 503))).toEqual({
      what: "JFrog is unavailable (HTTP 503)",
      todo: "try again in a few minutes",
    });
    expect(describeFailure(jfrog("unavailable", 503), "after-retries")).toEqual({
      what: "JFrog was unavailable (HTTP 503)",
      todo: "wait until JFrog answers again",
    });
  });

  it("sends credential and rejection problems to the app's operator, whatever the moment", () => {
    for (const moment of ["now", "after-retries"] as const) {
      expect(describeFailure(jfrog("auth", 401), moment).todo).toBe(
        "the app's operator must renew or fix the app's JFrog access token",
      );
      expect(describeFailure(jfrog("validation", 400), moment)).toEqual({
        what: "JFrog rejected the app's request (HTTP 400)",
        todo: "ask the app's operator to look at the log; a JFrog administrator may need to help",
      });
    }
  });

  it("points a GitHub 403/404 at the installation's permissions and a 5xx at waiting", () => {
    expect(describeFailure(github(403)).todo).toContain("an org owner can check the app's installation");
    expect(describeFailure(github(502))).toEqual({
      what: "GitHub answered HTTP 502",
      todo: "try again in a few minutes",
    });
    expect(describeFailure(github(502), "after-retries").todo).toBe("wait a few minutes");
  });

  it("never echoes the error's own message", () => {
    const words = [jfrog("validation", 400), github(404), new Error("secret-ish internals")].map((e) =>
      Object.values(describeFailure(e)).join(" "),
    );
    for (const text of words) expect(text).not.toMatch(/jf-3|not accessible|internals/);
  });
});
