/**
 * The parts of a workflow (or of a composite action's `action.yml`) the audit rules read, as `yaml` nodes so every
 * finding keeps its position. Workflow syntax: https://docs.github.com/actions/reference/workflow-syntax-for-github-actions;
 * composite actions: https://docs.github.com/actions/reference/metadata-syntax-for-github-actions#runs-for-composite-actions
 */
import { LineCounter, type Node, type Pair, parseDocument, type YAMLMap } from "yaml";
import type { Position } from "./finding.js";
import {
  asMap,
  asSeq,
  keyText,
  pairOf,
  pairs,
  position,
  resolve,
  type Source,
  text,
  valueAt,
} from "./yaml-nodes.js";

export interface StepModel {
  node: YAMLMap;
  uses?: { value: string; node: Node };
  with?: YAMLMap;
  env?: YAMLMap;
  run?: { value: string; node: Node };
}

export interface JobModel {
  id: string;
  key: Node;
  node: YAMLMap;
  /** The job's own `permissions` value, when it has one. */
  permissions?: Node;
  env?: YAMLMap;
  /** `jobs.<id>.uses`: a reusable workflow call. */
  uses?: { value: string; node: Node };
  with?: YAMLMap;
  secrets?: YAMLMap;
  if?: string;
  steps: StepModel[];
}

export interface WorkflowModel {
  kind: "workflow" | "composite";
  path: string;
  source: Source;
  triggers: Array<{ name: string; node: Node }>;
  permissions?: Node;
  env?: YAMLMap;
  jobs: JobModel[];
}

export type Parsed = { ok: true; model: WorkflowModel } | { ok: false; at: Position; message: string };

export function parseWorkflow(path: string, content: string): Parsed {
  const lines = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  const source: Source = { doc, lines, text: content };
  if (error)
    return { ok: false, at: position(source, error.pos[0]), message: error.message.split("\n")[0] ?? "" };
  const root = asMap(source, doc.contents);
  if (!root) return { ok: false, at: position(source, 0), message: "the file is not a YAML mapping" };
  const runs = asMap(source, valueAt(source, root, "runs"));
  if (runs) return { ok: true, model: compositeModel(path, source, runs) };
  return {
    ok: true,
    model: {
      kind: "workflow",
      path,
      source,
      triggers: triggers(source, pairOf(source, root, "on")),
      ...optional("permissions", valueAt(source, root, "permissions")),
      ...optional("env", asMap(source, valueAt(source, root, "env"))),
      jobs: pairs(source, asMap(source, valueAt(source, root, "jobs"))).flatMap((pair) => job(source, pair)),
    },
  };
}

function compositeModel(path: string, source: Source, runs: YAMLMap): WorkflowModel {
  const steps = asSeq(source, valueAt(source, runs, "steps"))?.items ?? [];
  const node = runs;
  return {
    kind: "composite",
    path,
    source,
    triggers: [],
    jobs: [{ id: "(composite action)", key: node, node, steps: steps.flatMap((s) => step(source, s)) }],
  };
}

function triggers(source: Source, pair: Pair | undefined): WorkflowModel["triggers"] {
  const value = resolve(source, pair?.value);
  if (!value) return [];
  const one = text(source, value);
  if (one !== undefined) return [{ name: one, node: value }];
  const seq = asSeq(source, value);
  if (seq)
    return seq.items.flatMap((item) => {
      const name = text(source, item);
      const node = resolve(source, item);
      return name !== undefined && node ? [{ name, node }] : [];
    });
  return pairs(source, asMap(source, value)).map((p) => ({
    name: keyText(source, p) ?? "",
    node: resolve(source, p.key) as Node,
  }));
}

function job(source: Source, pair: Pair): JobModel[] {
  const node = asMap(source, pair.value);
  const key = resolve(source, pair.key);
  if (!node || !key) return [];
  const uses = scalar(source, valueAt(source, node, "uses"));
  const condition = text(source, valueAt(source, node, "if"));
  return [
    {
      id: keyText(source, pair) ?? "",
      key,
      node,
      ...optional("permissions", valueAt(source, node, "permissions")),
      ...optional("env", asMap(source, valueAt(source, node, "env"))),
      ...optional("uses", uses),
      ...optional("with", asMap(source, valueAt(source, node, "with"))),
      ...optional("secrets", asMap(source, valueAt(source, node, "secrets"))),
      ...optional("if", condition),
      steps: (asSeq(source, valueAt(source, node, "steps"))?.items ?? []).flatMap((s) => step(source, s)),
    },
  ];
}

function step(source: Source, item: unknown): StepModel[] {
  const node = asMap(source, item);
  if (!node) return [];
  return [
    {
      node,
      ...optional("uses", scalar(source, valueAt(source, node, "uses"))),
      ...optional("with", asMap(source, valueAt(source, node, "with"))),
      ...optional("env", asMap(source, valueAt(source, node, "env"))),
      ...optional("run", scalar(source, valueAt(source, node, "run"))),
    },
  ];
}

function scalar(source: Source, node: Node | undefined): { value: string; node: Node } | undefined {
  const value = text(source, node);
  return value !== undefined && node ? { value, node } : undefined;
}

/** Spreads `{ [key]: value }` only when the value exists (optional properties stay absent, not `undefined`). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
