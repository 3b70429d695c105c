/** The `verify` reply: the verdict first, then the mappings that matter, then the simulated claims. Pure. */

import { bullets, code, details, table } from "../../github/markdown.js";
import type { ClaimValue, IdentityMapping } from "../../jfrog/types.js";
import type { Evaluated, Explanation } from "./explain-exchange.js";
import type { SimulatedToken } from "./simulate-token.js";

const MAX_ROWS = 20;

export interface VerifyReport {
  explanation: Explanation;
  token: SimulatedToken;
  provider: string;
  ownName: string;
  projectKey?: string;
}

export function renderVerify(report: VerifyReport): string {
  const { explanation, token } = report;
  // Project and global mappings only differ when the policy puts the app's mappings in a JFrog project.
  const withScope = report.projectKey !== undefined;
  const rows = explanation.relevant
    .slice(0, MAX_ROWS)
    .map((e) => row(e, e === explanation.winner, withScope));
  const hidden = explanation.relevant.length - rows.length;
  return [
    verdict(report),
    "",
    ...(rows.length
      ? [
          `Identity mappings of the JFrog integration ${code(report.provider)} that matter for this token, in the order JFrog tries them:`,
          "",
          table(["mapping", ...(withScope ? ["scope"] : []), "priority", "result"], rows),
          ...(hidden > 0 ? ["", `…and ${hidden} more that match after these.`] : []),
          "",
        ]
      : []),
    details(
      "Simulated token claims",
      [
        table(
          ["claim", "value"],
          Object.entries(token.claims).map(([k, v]) => [code(k), code(v)]),
        ),
        "",
        bullets(token.assumptions),
      ].join("\n"),
    ),
  ].join("\n");
}

function verdict(report: VerifyReport): string {
  const { winner, own, uncertain } = report.explanation;
  const parts: string[] = [];
  if (uncertain)
    parts.push(
      "❔ **Depends on the run.** A mapping JFrog tries earlier pins claims that change with every run " +
        "(see the table); the result below assumes it does not match.",
      "",
    );
  if (winner?.own) {
    parts.push(
      `✅ **Allowed.** JFrog would use this repository's mapping ${code(winner.mapping.name)} and issue ${tokenText(winner.mapping)}.`,
    );
  } else if (winner) {
    parts.push(
      `⚠️ **Allowed, but not by this repository's mapping.** A mapping this app does not manage for this repository ` +
        `(priority ${priorityText(winner.mapping)}) matches first: the token would carry its permissions, which are not shown ` +
        "here. Ask your JFrog administrators whether that is intended.",
    );
  } else {
    parts.push(
      `⛔ **Denied.** No identity mapping of the integration ${code(report.provider)} matches these claims.`,
    );
  }
  if (!own) {
    parts.push(
      "",
      `This repository has no identity mapping managed by this app (${code(report.ownName)}): \`/jfrog-oidc setup\` creates it.`,
    );
  } else if (own.result.kind !== "match") {
    parts.push(
      "",
      `This repository's mapping ${code(own.mapping.name)} does not admit this token:`,
      "",
      mismatchTable(own, report.token),
    );
  }
  return parts.join("\n");
}

function row(e: Evaluated, wins: boolean, withScope: boolean): string[] {
  const name = e.own
    ? `${code(e.mapping.name)} (this repository's)`
    : "a mapping not managed for this repository";
  const result =
    e.result.kind === "match"
      ? wins
        ? "✅ matches: **used**"
        : "✅ matches (an earlier one wins)"
      : e.result.kind === "depends"
        ? `❔ depends on ${e.result.claims.map(code).join(", ")}`
        : `❌ differs in ${e.result.claims.map(code).join(", ")}`;
  return [name, ...(withScope ? [e.scope] : []), priorityText(e.mapping), result];
}

function mismatchTable(own: Evaluated, token: SimulatedToken): string {
  const failing = own.result.kind === "match" ? [] : own.result.claims;
  return table(
    ["claim", "the mapping expects", "the token has"],
    failing.map((claim) => [
      code(claim),
      expected(own.mapping.claims[claim]),
      token.claims[claim] === undefined ? "(absent)" : code(token.claims[claim] ?? ""),
    ]),
  );
}

function expected(value: ClaimValue | undefined): string {
  if (value === undefined) return "(nothing)";
  return Array.isArray(value) ? value.map((v) => code(String(v))).join(" or ") : code(String(value));
}

function tokenText(mapping: IdentityMapping): string {
  const spec = mapping.token_spec ?? {};
  const parts = [`a token with scope ${code(spec.scope ?? "(none)")}`];
  if (spec.username) parts.push(`as user ${code(spec.username)}`);
  parts.push(`valid for ${spec.expires_in ?? "JFrog's default number of"} seconds`);
  if (spec.audience) parts.push(`for ${code(spec.audience)}`);
  return parts.join(", ");
}

function priorityText(mapping: IdentityMapping): string {
  return mapping.priority === undefined ? "none (last)" : String(mapping.priority);
}
