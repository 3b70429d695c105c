/**
 * Which refs get a token when the org policy names no `claims.ref`: the least that still runs the generated
 * workflow, i.e. the branches and tags its `push` trigger runs on, and the default branch for manual runs. Pull
 * requests never get one by default (a PR's code is not yet reviewed); an org widens only explicitly, by listing
 * refs or with `claims.ref: [$any]`.
 */
import { ANY_REF, type Policy, type WorkflowPolicy } from "./policy-schema.js";

const DEFAULT_BRANCH = "$default";

export function workflowRefs(triggers: WorkflowPolicy["triggers"]): string[] {
  const refs = [
    ...triggers.push.map((branch) => (branch === DEFAULT_BRANCH ? DEFAULT_BRANCH : `refs/heads/${branch}`)),
    ...triggers.tags.map((tag) => `refs/tags/${tag}`),
  ];
  if (triggers.workflowDispatch || refs.length === 0) refs.unshift(DEFAULT_BRANCH);
  return [...new Set(refs)];
}

/** The policy with its `claims.ref` made explicit (from its own workflow triggers when it names none). */
export function withDefaultRefs(policy: Policy): Policy {
  if (policy.claims.ref) return policy;
  return { ...policy, claims: { ...policy.claims, ref: workflowRefs(policy.workflow.triggers) } };
}

/** Null when the policy admits every ref (`$any`): the mapping then has no `ref` claim at all. */
export function admittedRefs(policy: Policy): string[] | null {
  const refs = withDefaultRefs(policy).claims.ref ?? [];
  return refs.includes(ANY_REF) ? null : refs;
}
