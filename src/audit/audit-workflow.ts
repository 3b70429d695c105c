/**
 * The workflow audit: one file in, its findings out, each on an exact line and column. Pure (no I/O): the check
 * run, `/jfrog-oidc status`, the fix PRs and the benchmark all call it the same way.
 */
import type { AuditContext } from "./audit-context.js";
import { compareFindings, dedupe, type Finding } from "./finding.js";
import { actionVersionRule } from "./rules/action-version.js";
import { idTokenRule } from "./rules/id-token.js";
import { manualExchangeRule } from "./rules/manual-exchange.js";
import { providerAudienceRule } from "./rules/provider-audience.js";
import type { Rule } from "./rules/rule.js";
import { storedCredentialsRule } from "./rules/stored-credentials.js";
import { untrustedTriggersRule } from "./rules/untrusted-triggers.js";
import { parseWorkflow } from "./workflow-model.js";

const RULE_FAMILIES: readonly Rule[] = [
  idTokenRule,
  storedCredentialsRule,
  providerAudienceRule,
  actionVersionRule,
  untrustedTriggersRule,
  manualExchangeRule,
];

/** Cheap first look: text that cannot involve JFrog skips parsing. Local `uses: ./…` may hide it in another file. */
const JFROG_HINT = /jfrog|\bJF_|ACTIONS_ID_TOKEN_REQUEST|oidc\/token|--access-token|--password/i;
const LOCAL_USES = /uses:\s*['"]?\.\//;

const JFROG_MARKER = /jfrog|\bJF_[A-Z]|\/access\/api\/v1\/oidc/i;

/** Whether a file is about JFrog at all (what earns a repository a check run), findings aside. */
export function mentionsJfrog(content: string): boolean {
  return JFROG_MARKER.test(content);
}

export function mayTouchJfrog(content: string, context: AuditContext): boolean {
  return JFROG_HINT.test(content) || (context.files !== undefined && LOCAL_USES.test(content));
}

export function auditWorkflow(path: string, content: string, context: AuditContext): Finding[] {
  if (!mayTouchJfrog(content, context)) return [];
  const parsed = parseWorkflow(path, content);
  if (!parsed.ok) {
    // Fail closed: a file that mentions JFrog but cannot be read is reported, never passed as clean.
    const at = parsed.at;
    return [
      {
        rule: "unparseable",
        severity: "error",
        path,
        start: at,
        end: at,
        message: `The file cannot be read as YAML (${parsed.message}), so its JFrog sign-in was not audited.`,
        fix: "Fix the YAML syntax.",
      },
    ];
  }
  const findings = RULE_FAMILIES.flatMap((rule) => rule(parsed.model, context));
  return dedupe(findings).sort(compareFindings);
}
