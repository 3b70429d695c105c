/** The shared router's trailing `*param`: GitHub paths whose last parameter may contain slashes. */
import { describe, expect, it } from "vitest";
import { createRouter } from "../../../src/sandbox/shared/router.js";

const route = createRouter([
  { method: "GET", path: "/repos/:owner/:repo/contents/*path", handler: "contents" },
  { method: "GET", path: "/repos/:owner/:repo/git/ref/*ref", handler: "ref" },
  { method: "GET", path: "/repos/:owner/:repo", handler: "repo" },
]);

describe("a trailing *param", () => {
  it("takes the rest of the path, slashes and %-escapes included", () => {
    expect(route("GET", "/repos/acme/web/contents/.github/workflows/ci.yml")).toEqual({
      kind: "found",
      handler: "contents",
      params: { owner: "acme", repo: "web", path: ".github/workflows/ci.yml" },
    });
    expect(route("GET", "/repos/acme/web/contents/.github%2Fjfrog-oidc.yml")).toMatchObject({
      params: { path: ".github/jfrog-oidc.yml" },
    });
    expect(route("GET", "/repos/acme/web/git/ref/heads/jfrog-oidc/onboarding")).toMatchObject({
      params: { ref: "heads/jfrog-oidc/onboarding" },
    });
  });

  it("needs at least one non-empty segment", () => {
    expect(route("GET", "/repos/acme/web/contents")).toEqual({ kind: "not-found" });
    expect(route("GET", "/repos/acme/web/contents/")).toEqual({ kind: "not-found" });
    expect(route("GET", "/repos/acme/web/contents/a//b")).toEqual({ kind: "not-found" });
  });

  it("leaves fixed-length routes as they were", () => {
    expect(route("GET", "/repos/acme/web")).toMatchObject({ handler: "repo" });
    expect(route("POST", "/repos/acme/web")).toEqual({ kind: "method-not-allowed", allow: ["GET"] });
  });
});
