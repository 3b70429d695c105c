/**
 * Every slash-command: what it does, who may run it, its options. The parser, the help text and the authorization
 * all read this one table, so they cannot disagree.
 */
import type { Access } from "../github/authorize.js";
import { type OptionValue, parseEnvironment, parseRef, parseWorkflow } from "./option-values.js";

export const COMMAND_PREFIX = "/jfrog-oidc";

export type CommandName =
  | "help"
  | "status"
  | "plan"
  | "sync"
  | "setup"
  | "disable"
  | "verify"
  | "rollout"
  | "rollout pause"
  | "rollout resume"
  | "rollout status";

export interface OptionSpec {
  description: string;
  parse(raw: string): OptionValue;
}

export interface CommandSpec {
  name: CommandName;
  access: Access;
  summary: string;
  options: Readonly<Record<string, OptionSpec>>;
}

const none = {} as const;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "help",
    access: "anyone",
    summary: "what this app does here and the commands you may run",
    options: none,
  },
  {
    name: "status",
    access: "repository",
    summary:
      "this repository's state: in scope or why not, its JFrog identity mapping (drift field by field), " +
      "the onboarding PR or the workflow, problems found",
    options: none,
  },
  {
    name: "plan",
    access: "repository",
    summary: "what `sync` would do, without doing it",
    options: none,
  },
  {
    name: "sync",
    access: "repository",
    summary:
      "reconcile now: create or correct the identity mapping, open or update the onboarding PR " +
      "(also after a declined PR), and say what changed",
    options: none,
  },
  {
    name: "setup",
    access: "repository",
    summary: "like `sync`, and also lifts a previous `disable`",
    options: none,
  },
  {
    name: "disable",
    access: "repository",
    summary:
      "remove this app's identity mapping, close the onboarding PR, and record the opt-out: nothing is " +
      "re-created until `setup`",
    options: none,
  },
  {
    name: "verify",
    access: "repository",
    summary:
      "simulate a GitHub Actions token of this repository and say which JFrog identity mappings would admit it, " +
      "in priority order, and what token the exchange would yield",
    options: {
      ref: { description: "branch or full ref (default: the default branch)", parse: parseRef },
      environment: {
        description:
          'deployment environment of the job (default: none); quote names with spaces: `environment="prod eu"`',
        parse: parseEnvironment,
      },
      workflow: {
        description: "workflow file (default: the app's workflow)",
        parse: parseWorkflow,
      },
    },
  },
  {
    name: "rollout",
    access: "org",
    summary:
      "onboard the organization's existing repositories too (your consent, kept as the `.github` label " +
      "`jfrog-oidc: rollout`), paced by GitHub's content budget; new repositories are always onboarded",
    options: none,
  },
  {
    name: "rollout pause",
    access: "org",
    summary:
      "stop onboarding existing repositories until `rollout resume` (new repositories are still handled)",
    options: none,
  },
  {
    name: "rollout resume",
    access: "org",
    summary: "go on with a paused rollout",
    options: none,
  },
  {
    name: "rollout status",
    access: "org",
    summary:
      "the organization's rollout at a glance (org owners, in the organization's `.github` repository)",
    options: none,
  },
];

export function commandSpec(name: CommandName): CommandSpec {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) throw new Error(`no command ${name}`);
  return spec;
}

export function usage(spec: CommandSpec): string {
  const options = Object.keys(spec.options).map((k) => ` [${k}=…]`);
  return `${COMMAND_PREFIX} ${spec.name}${options.join("")}`;
}
