/**
 * The audit corpus: realistic workflows under `corpus/`, each carrying its expected findings as comments:
 * `# expect: rule[, rule]` on the line a finding must start on, or `# expect-at LINE: rule` where the line cannot
 * hold a comment (a shell continuation). `# audit-context: pin` asks for the policy that pins the action.
 * Files directly in `corpus/` are audited alone; each `corpus/repo-*` directory is one repository.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { AuditContext } from "../../src/audit/audit-context.js";

export const CORPUS = join(import.meta.dirname, "corpus");
export const PIN = { version: "v5.1.0", sha: "279b1f629f43dd5bc658d8361ac4802a7ef8d2d5" };

export function contextFor(content: string): Omit<AuditContext, "files"> {
  const pin = /^# audit-context: pin$/m.test(content);
  return {
    provider: { name: "github-acme", audience: "jfrog-acme" },
    setupJfrogCli: { currentMajor: 5, ...(pin ? { pin: PIN } : {}) },
  };
}

/** `path:line rule` for every expectation written in the file. */
export function expectedFindings(path: string, content: string): string[] {
  return content.split("\n").flatMap((line, index) => {
    const at = /^# expect-at (\d+): ([a-z-]+)$/.exec(line);
    if (at) return [`${path}:${at[1]} ${at[2]}`];
    const inline = /#.*\bexpect: ([a-z, -]+)$/.exec(line);
    return (inline?.[1] ?? "")
      .split(",")
      .map((rule) => rule.trim())
      .filter(Boolean)
      .map((rule) => `${path}:${index + 1} ${rule}`);
  });
}

export function singleFiles(): Array<{ path: string; content: string }> {
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith(".yml"))
    .sort()
    .map((name) => ({
      path: `.github/workflows/${name}`,
      content: readFileSync(join(CORPUS, name), "utf8"),
    }));
}

export function repositories(): Array<{ name: string; files: Map<string, string> }> {
  return readdirSync(CORPUS)
    .filter((name) => name.startsWith("repo-") && statSync(join(CORPUS, name)).isDirectory())
    .sort()
    .map((name) => {
      const root = join(CORPUS, name);
      const files = new Map<string, string>();
      for (const file of readdirSync(root, { recursive: true, encoding: "utf8" }))
        if (/\.ya?ml$/.test(file))
          files.set(relative(root, join(root, file)), readFileSync(join(root, file), "utf8"));
      return { name, files };
    });
}
