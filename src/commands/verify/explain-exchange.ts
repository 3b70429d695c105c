/**
 * Which identity mappings would admit a token, in the order JFrog tries them (project mappings before global ones,
 * then ascending priority: see jfrog/claim-matching.ts), and which one wins. Pure.
 *
 * Only this repository's own mapping (its name AND the app's ownership marker) is described in full. Any other
 * mapping that would admit the token is reported only by its priority and scope: its name, claims and token
 * belong to someone else. Mappings that would not admit the token are not mentioned at all.
 */
import { byPriority, mismatchedClaims } from "../../jfrog/claim-matching.js";
import type { IdentityMapping } from "../../jfrog/types.js";
import { isOwnedByApp } from "../../reconcile/desired-mapping.js";
import { UNPREDICTABLE_CLAIMS } from "./simulate-token.js";

const UNPREDICTABLE = new Set<string>(UNPREDICTABLE_CLAIMS);

export type MatchResult =
  | { kind: "match" }
  /** Every claim that fails is one the simulation cannot predict (it varies per run). */
  | { kind: "depends"; claims: string[] }
  | { kind: "no"; claims: string[] };

export interface Evaluated {
  own: boolean;
  scope: "project" | "global";
  mapping: IdentityMapping;
  result: MatchResult;
}

export interface Explanation {
  /** Mappings that match or may match, in evaluation order; this repository's own is there whatever its result. */
  relevant: Evaluated[];
  /** The mapping JFrog would pick, unless one evaluated before it only "depends". */
  winner: Evaluated | null;
  /** A mapping before the winner (or before none) whose result depends on the run. */
  uncertain: boolean;
  own: Evaluated | null;
}

export function explainExchange(input: {
  project: readonly IdentityMapping[];
  global: readonly IdentityMapping[];
  claims: Record<string, string>;
  ownName: string;
}): Explanation {
  // Whether JFrog's global listing also returns project mappings is not documented: count each name once.
  const inProject = new Set(input.project.map((m) => m.name));
  const ordered = [
    ...[...input.project].sort(byPriority).map((mapping) => ({ mapping, scope: "project" as const })),
    ...input.global
      .filter((m) => !inProject.has(m.name))
      .sort(byPriority)
      .map((mapping) => ({ mapping, scope: "global" as const })),
  ];
  const evaluated: Evaluated[] = ordered.map(({ mapping, scope }) => ({
    own: mapping.name === input.ownName && isOwnedByApp(mapping),
    scope,
    mapping,
    result: matchResult(mapping, input.claims),
  }));
  const winnerIndex = evaluated.findIndex((e) => e.result.kind === "match");
  const before = winnerIndex === -1 ? evaluated : evaluated.slice(0, winnerIndex);
  return {
    relevant: evaluated.filter((e) => e.own || e.result.kind !== "no"),
    winner: evaluated[winnerIndex] ?? null,
    uncertain: before.some((e) => e.result.kind === "depends"),
    own: evaluated.find((e) => e.own) ?? null,
  };
}

function matchResult(mapping: IdentityMapping, claims: Record<string, string>): MatchResult {
  const failing = mismatchedClaims(mapping.claims ?? {}, claims);
  if (failing.length === 0) return { kind: "match" };
  if (failing.every((claim) => UNPREDICTABLE.has(claim))) return { kind: "depends", claims: failing };
  return { kind: "no", claims: failing };
}
