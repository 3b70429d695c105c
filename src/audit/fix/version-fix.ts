/**
 * Moves `jfrog/setup-jfrog-cli` to the current major (or to the policy's pinned commit when it pins), replacing only
 * the `uses:` value and, for a pin, the version comment that names it. A commit pin of an old major without a
 * policy pin stays for a human: only they can choose the new commit.
 */
import { code } from "../../github/markdown.js";
import type { AuditContext } from "../audit-context.js";
import { isSetupJfrogCli } from "../oidc-use.js";
import { parseActionRef } from "../rules/action-version.js";
import type { WorkflowModel } from "../workflow-model.js";
import { position } from "../yaml-nodes.js";
import { type FixChange, type FixPart, part } from "./fix-change.js";
import { type Edit, lineEndOf } from "./text-edit.js";
import { replaceScalar } from "./yaml-edit.js";

const VERSION_COMMENT = /^(\s*#\s*)v?\d+(?:\.\d+){0,2}\b/;

export function versionFix(model: WorkflowModel, context: AuditContext): FixPart {
  const { currentMajor, pin } = context.setupJfrogCli;
  const { text } = model.source;
  const edits: Edit[] = [];
  const changes: FixChange[] = [];
  for (const step of model.jobs.flatMap((job) => job.steps)) {
    if (!step.uses || !isSetupJfrogCli(step.uses.value)) continue;
    const end = step.uses.node.range?.[1] ?? 0;
    const rest = text.slice(end, lineEndOf(text, end));
    const ref = parseActionRef(step.uses.value.slice(step.uses.value.indexOf("@") + 1), rest);
    const outdated = ref.kind === "branch" || (ref.major !== undefined && ref.major < currentMajor);
    const target = pin
      ? ref.kind === "sha" && !outdated
        ? undefined
        : `jfrog/setup-jfrog-cli@${pin.sha}`
      : outdated && ref.kind !== "sha"
        ? `jfrog/setup-jfrog-cli@v${currentMajor}`
        : undefined;
    if (!target) continue;
    const edit = replaceScalar(step.uses.node, target);
    if (!edit) continue;
    edits.push(edit);
    if (pin) edits.push(...versionComment(end, rest, pin.version));
    changes.push({
      rule:
        ref.kind === "branch" ? "action-branch-ref" : outdated ? "action-outdated-major" : "action-unpinned",
      line: position(model.source, edit.start).line,
      description: `${code(step.uses.value)} → ${code(target)}${pin ? ` (${code(pin.version)})` : ""}`,
    });
  }
  return part(edits, changes);
}

/** The `# vX.Y.Z` comment Dependabot and Renovate read next to a commit pin; only where the line may take one. */
function versionComment(end: number, rest: string, version: string): Edit[] {
  const existing = VERSION_COMMENT.exec(rest);
  if (existing) return [{ start: end, end: end + existing[0].length, text: `${existing[1]}${version}` }];
  // Before any other comment on the line (`@sha # v5.1.0 # theirs`); never inside a flow mapping.
  if (rest.trim() === "" || rest.trimStart().startsWith("#"))
    return [{ start: end, end: end, text: ` # ${version}` }];
  return [];
}
