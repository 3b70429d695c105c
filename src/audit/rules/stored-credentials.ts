/**
 * Long-lived JFrog credentials fed from stored secrets: the JFrog CLI reads `JF_ACCESS_TOKEN`, `JF_USER` +
 * `JF_PASSWORD` and `JF_ENV_*` (a `jf c export` config token) from the environment
 * (https://docs.jfrog-applications.jfrog.io/jfrog-applications/jfrog-cli/configurations/jfrog-platform-configuration),
 * and `--access-token` / `--password` on its command line. Each stays valid until someone revokes it: the thing
 * OIDC exists to remove. Looked for in workflow, job and step `env`, in `with:`, in `secrets:` passed to a reusable
 * workflow, and in `run:` scripts.
 */
import type { Node, Pair, YAMLMap } from "yaml";
import type { Finding } from "../finding.js";
import type { JobModel, StepModel, WorkflowModel } from "../workflow-model.js";
import { keyText, pairs, resolve, text } from "../yaml-nodes.js";
import { findingAt, referencesSecret, secretNames } from "./rule.js";

const FLAG = /(--access-token|--password)(?:=|[ \t]+)("[^"\n]*"|'[^'\n]*'|[^\s;|&]+)/g;
const CONFIG_IMPORT = /\bjf(?:rog)?[ \t]+(?:c|config)[ \t]+import[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s;|&]+)/g;
const SHELL_VARIABLE = /^["']?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?["']?$/;

const JFROG_COMMAND = /\bjf(rog)?\b|jfrog|artifactory|\bJF_|\bRT_/i;

type Kind = "token" | "password" | "user" | "config";

/** The whole shell command holding `offset`: its line and the lines it continues with a trailing backslash. */
function commandAround(script: string, offset: number): string {
  let start = script.lastIndexOf("\n", offset - 1) + 1;
  while (start > 0) {
    const previous = script.lastIndexOf("\n", start - 2) + 1;
    if (
      !script
        .slice(previous, start - 1)
        .trimEnd()
        .endsWith("\\")
    )
      break;
    start = previous;
  }
  const end = script.indexOf("\n", offset);
  return script.slice(start, end < 0 ? undefined : end);
}

export function credentialKind(key: string): Kind | undefined {
  const name = key.toUpperCase().replaceAll("-", "_");
  if (name === "JF_ACCESS_TOKEN") return "token";
  if (name === "JF_PASSWORD") return "password";
  if (name === "JF_USER") return "user";
  if (name.startsWith("JF_ENV_")) return "config";
  return undefined;
}

interface Entry {
  pair: Pair;
  key: string;
  kind: Kind;
  value: string;
}

function entries(model: WorkflowModel, map: YAMLMap | undefined): Entry[] {
  return pairs(model.source, map).flatMap((pair) => {
    const key = keyText(model.source, pair) ?? "";
    const kind = credentialKind(key);
    const value = text(model.source, pair.value);
    return kind && value !== undefined && referencesSecret(value) ? [{ pair, key, kind, value }] : [];
  });
}

export const storedCredentialsRule = (model: WorkflowModel): Finding[] =>
  model.jobs.flatMap((job) => [
    ...fromMaps(model, [model.env, job.env, job.with, job.secrets]),
    ...job.steps.flatMap((step) => [
      ...fromMaps(model, [model.env, job.env, step.env, step.with]),
      ...fromRun(model, job, step),
    ]),
  ]);

/** Maps in scope of one step (or job); `JF_USER` counts only next to a password in the same chain. */
function fromMaps(model: WorkflowModel, maps: Array<YAMLMap | undefined>): Finding[] {
  const found = maps.flatMap((map) => entries(model, map));
  const hasPassword = found.some((e) => e.kind === "password");
  return found
    .filter((e) => e.kind !== "user" || hasPassword)
    .map((e) =>
      findingAt(
        model,
        "stored-credential",
        "error",
        resolve(model.source, e.pair.key) ?? (e.pair.key as Node),
        {
          message: `\`${e.key}\` comes from ${
            secretNames(e.value)
              .map((s) => `\`secrets.${s}\``)
              .join(", ") || "a secret"
          }: a long-lived JFrog credential that works until someone revokes it.`,
          fix: "Sign in with OIDC instead (`oidc-provider-name` and `oidc-audience` on jfrog/setup-jfrog-cli) and delete the secret.",
          secrets: secretNames(e.value),
        },
      ),
    );
}

function fromRun(model: WorkflowModel, job: JobModel, step: StepModel): Finding[] {
  if (!step.run) return [];
  const [start = 0, end = 0] = step.run.node.range ?? [];
  const raw = model.source.text.slice(start, end);
  const env = [model.env, job.env, step.env].flatMap((map) =>
    entries(model, map).concat(secretEnv(model, map)),
  );
  return [...raw.matchAll(FLAG), ...raw.matchAll(CONFIG_IMPORT)].flatMap((match) => {
    const argument = match[2] ?? match[1] ?? "";
    const variable = SHELL_VARIABLE.exec(argument)?.[1];
    const fed = referencesSecret(argument) ? argument : env.find((e) => e.key === variable)?.value;
    const at = start + (match.index ?? 0);
    // `docker login --password …` for Docker Hub is not ours: the command must be JFrog's or name JFrog.
    if (fed === undefined || !JFROG_COMMAND.test(`${commandAround(raw, at - start)} ${fed}`)) return [];
    const what = match[0].startsWith("--") ? `\`${match[1]}\`` : "`jf config import`";
    return [
      findingAt(
        model,
        "stored-credential",
        "error",
        { start: at, end: at + match[0].length },
        {
          message: `${what} is given a stored secret (${
            secretNames(fed)
              .map((s) => `\`secrets.${s}\``)
              .join(", ") || "a secret"
          }): a long-lived JFrog credential.`,
          fix: "Let jfrog/setup-jfrog-cli sign in with OIDC and drop the credential from the command.",
          secrets: secretNames(fed),
        },
      ),
    ];
  });
}

/** Any env entry fed from a secret, whatever its name (a script may pass `$ARTIFACTORY_TOKEN` to a flag). */
function secretEnv(model: WorkflowModel, map: YAMLMap | undefined): Entry[] {
  return pairs(model.source, map).flatMap((pair) => {
    const value = text(model.source, pair.value);
    const key = keyText(model.source, pair) ?? "";
    return value !== undefined && referencesSecret(value) && !credentialKind(key)
      ? [{ pair, key, kind: "token" as const, value }]
      : [];
  });
}
