/**
 * Replaces a stored-secret login of `jfrog/setup-jfrog-cli` with OIDC: the step gets `oidc-provider-name` and
 * `oidc-audience`, and the credential variables it read (`JF_ACCESS_TOKEN`, `JF_USER` + `JF_PASSWORD`, `JF_ENV_*`)
 * leave its `env` — and the job's or workflow's `env` when nothing else there uses them by name. `JF_URL` stays
 * (OIDC needs it). Anything that cannot be edited without touching other bytes (flow or shared maps, credentials
 * on a command line, handed to another action or reusable workflow) is left for a human; the PR body lists it.
 */
import { isAlias, type Node, type Pair, type YAMLMap } from "yaml";
import { code } from "../../github/markdown.js";
import type { AuditContext } from "../audit-context.js";
import { isSetupJfrogCli, usesOidcInputs } from "../oidc-use.js";
import { referencesSecret, secretNames } from "../rules/rule.js";
import { credentialKind } from "../rules/stored-credentials.js";
import type { JobModel, StepModel, WorkflowModel } from "../workflow-model.js";
import { asMap, keyText, pairOf, pairs, position, resolve, type Source, text } from "../yaml-nodes.js";
import { type FixChange, type FixPart, part } from "./fix-change.js";
import { type Edit, lineEndOf, startsItsLine } from "./text-edit.js";
import { appendPairs, deletePairLines, indentUnit, isFlow, scalarText } from "./yaml-edit.js";

export interface CredentialFix extends FixPart {
  convertedJobs: Set<JobModel>;
}

export function credentialFix(model: WorkflowModel, context: AuditContext): CredentialFix {
  const { source } = model;
  const edits: Edit[] = [];
  const changes: FixChange[] = [];
  const removed: string[] = [];
  const convertedJobs = new Set<JobModel>();
  const inputs = [
    `oidc-provider-name: ${scalarText(context.provider.name)}`,
    `oidc-audience: ${scalarText(context.provider.audience)}`,
  ];
  /** Takes a group of edits only when every one of them can be made; reports what it removed. */
  const take = (
    group: Array<Edit | undefined>,
    map: YAMLMap | undefined,
    where: string,
    at: number,
  ): boolean => {
    if (group.length === 0 || group.some((e) => e === undefined)) return false;
    edits.push(...(group as Edit[]));
    const gone = names(source, [map]);
    removed.push(...secretsOf(source, map));
    changes.push({
      rule: "stored-credential",
      line: position(source, at).line,
      description: `${gone.join(", ")} removed from the \`env\` of ${where}`,
    });
    return true;
  };
  let allLoginsConverted = true;
  for (const job of model.jobs) {
    let jobConverted = true;
    for (const step of job.steps) {
      if (!step.uses || !isSetupJfrogCli(step.uses.value)) continue;
      if (chainCredentials(source, [model.env, job.env, step.env]).length === 0) continue;
      const unit = " ".repeat(indentUnit(source, job.key, job.node));
      const addition = usesOidcInputs(model, step) ? undefined : addInputs(source, step, inputs, unit);
      // A step's env is seen by that step alone: nothing else can be reading its credentials.
      const cleanup = dropFromMap(source, step.node, step.env, new Set());
      if ((!usesOidcInputs(model, step) && !addition) || cleanup.some((e) => e === undefined)) {
        jobConverted = false; // not editable in place: left for a human
        continue;
      }
      const at = step.uses.node.range?.[0] ?? 0;
      if (addition) {
        edits.push(addition);
        convertedJobs.add(job);
        changes.push({
          rule: "stored-credential",
          line: position(source, at).line,
          description: `job ${code(job.id)}: jfrog/setup-jfrog-cli signs in with OIDC (\`oidc-provider-name\`, \`oidc-audience\` added)`,
        });
      }
      take(cleanup, step.env, `the jfrog/setup-jfrog-cli step of job ${code(job.id)}`, at);
    }
    // The job's env goes once every JFrog login of the job is OIDC, keeping what its scripts read by name.
    if (jobConverted)
      take(
        dropFromMap(source, job.node, job.env, scriptNames([job])),
        job.env,
        `job ${code(job.id)}`,
        job.key.range?.[0] ?? 0,
      );
    allLoginsConverted &&= jobConverted;
  }
  const root = asMap(source, source.doc.contents);
  if (allLoginsConverted && root)
    take(
      dropFromMap(source, root, model.env, scriptNames(model.jobs)),
      model.env,
      "the workflow",
      model.env?.range?.[0] ?? 0,
    );
  return { ...part(edits, changes, [...new Set(removed)]), convertedJobs };
}

interface CredentialPair {
  pair: Pair;
  key: string;
}

function chainCredentials(source: Source, maps: Array<YAMLMap | undefined>): CredentialPair[] {
  const all = maps.flatMap((map) =>
    pairs(source, map).flatMap((pair) => {
      const key = keyText(source, pair) ?? "";
      const value = text(source, pair.value) ?? "";
      return credentialKind(key) && referencesSecret(value) ? [{ pair, key }] : [];
    }),
  );
  const password = all.some((c) => credentialKind(c.key) === "password");
  return all.filter((c) => credentialKind(c.key) !== "user" || password);
}

function names(source: Source, maps: Array<YAMLMap | undefined>): string[] {
  return [...new Set(chainCredentials(source, maps).map((c) => code(c.key)))];
}

function secretsOf(source: Source, map: YAMLMap | undefined): string[] {
  return chainCredentials(source, [map]).flatMap((c) => secretNames(text(source, c.pair.value) ?? ""));
}

/** Variable names scripts read (`$NAME`, `${NAME}`, `env.NAME`): those stay. */
function scriptNames(jobs: readonly JobModel[]): Set<string> {
  const scripts = jobs.flatMap((job) => job.steps.map((s) => s.run?.value ?? "")).join("\n");
  return new Set(
    [...scripts.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)|\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)].map(
      (m) => m[1] ?? m[2] ?? "",
    ),
  );
}

/**
 * Edits removing the credential pairs of `map` (the value of `parent`'s `env`), or the whole `env` when nothing
 * else is left in it. An `undefined` in the result means some pair could not be removed cleanly.
 */
function dropFromMap(
  source: Source,
  parent: YAMLMap,
  map: YAMLMap | undefined,
  keep: ReadonlySet<string>,
): Array<Edit | undefined> {
  if (!map) return [];
  const envPair = pairOf(source, parent, "env");
  const raw = envPair?.value as Node | null | undefined;
  if (!envPair || !raw || isAlias(raw) || (raw as { anchor?: string }).anchor || isFlow(map))
    return [undefined];
  const doomed = chainCredentials(source, [map]).filter((c) => !keep.has(c.key));
  if (doomed.length === 0) return [];
  if (doomed.length === pairs(source, map).length) {
    const key = resolve(source, envPair.key);
    if (key?.range && startsItsLine(source.text, key.range[0]))
      return [deletePairLines(source, parent, envPair)];
  }
  return doomed.map((c) => deletePairLines(source, map, c.pair));
}

/** `with:` gets the OIDC inputs: appended to an existing one, or a new `with:` right after the `uses:` line. */
function addInputs(source: Source, step: StepModel, inputs: string[], unit: string): Edit | undefined {
  if (step.with) return appendPairs(source, step.with, inputs);
  if (isFlow(step.node)) return appendPairs(source, step.node, [`with: { ${inputs.join(", ")} }`]);
  const usesPair = pairOf(source, step.node, "uses");
  const key = resolve(source, usesPair?.key);
  const value = step.uses?.node.range;
  if (!key?.range || !value) return undefined;
  const column = key.range[0] - source.text.lastIndexOf("\n", key.range[0] - 1) - 1;
  const at = lineEndOf(source.text, value[1] - 1);
  const indent = " ".repeat(column);
  return {
    start: at,
    end: at,
    text: `\n${indent}with:${inputs.map((i) => `\n${indent}${unit}${i}`).join("")}`,
  };
}
