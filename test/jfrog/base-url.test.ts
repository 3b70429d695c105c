/**
 * One JFrog URL, one set of rules: the operator's JFROG_URL (settings), the Access client and the workflow renderer
 * accept and refuse the same URLs, and agree on the platform base they make of a pasted Access/Artifactory URL.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { JFrogClient } from "../../src/jfrog/client.js";
import { jfrogUrlSetting } from "../../src/settings/jfrog.js";
import { renderWorkflow } from "../../src/workflow/render-workflow.js";
import { workflowInput } from "../workflow/fixtures.js";

function settings(url: string): string | Error {
  const parsed = jfrogUrlSetting.safeParse({ JFROG_URL: url });
  return parsed.success ? parsed.data : new Error(parsed.error.issues[0]?.message);
}

function client(url: string): true | Error {
  try {
    new JFrogClient({ baseUrl: url, token: "token" });
    return true;
  } catch (error) {
    return error as Error;
  }
}

function rendered(url: string): string | Error {
  try {
    const workflow = parse(renderWorkflow(workflowInput({ jfrogUrl: url }))) as {
      jobs: { build: { env: { JF_URL: string } } };
    };
    return workflow.jobs.build.env.JF_URL;
  } catch (error) {
    return error as Error;
  }
}

describe("the JFrog URL", () => {
  it.each([
    ["https://acme.jfrog.io", "https://acme.jfrog.io"],
    ["https://acme.jfrog.io/", "https://acme.jfrog.io"],
    ["https://acme.jfrog.io/artifactory", "https://acme.jfrog.io"],
    ["https://jfrog.acme.internal/platform/access/", "https://jfrog.acme.internal/platform"],
    ["http://127.0.0.1:8081", "http://127.0.0.1:8081"],
  ])("%s is accepted everywhere as %s", (raw, base) => {
    expect(settings(raw)).toBe(base);
    expect(client(raw)).toBe(true);
    expect(rendered(raw)).toBe(base);
  });

  it.each([
    "http://acme.jfrog.io",
    "https://admin:secret@acme.jfrog.io",
    "https://acme.jfrog.io?x=1",
    "acme.jfrog.io",
  ])("%s is refused everywhere, without echoing it", (raw) => {
    for (const refused of [settings(raw), client(raw), rendered(raw)]) {
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).not.toContain("secret");
    }
  });
});
