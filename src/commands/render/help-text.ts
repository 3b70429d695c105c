/** Help texts, generated from the command catalog so they always match what the parser accepts. */

import type { Access } from "../../github/authorize.js";
import { code, table } from "../../github/markdown.js";
import { COMMANDS, type CommandSpec, usage } from "../catalog.js";

const WHO: Record<Access, string> = {
  anyone: "anyone",
  repository: "maintain or admin on this repository",
  org: "org owners, in the org's `.github` repository",
};

const INTRO =
  "This app gives each repository of the organization a JFrog OIDC identity mapping (pinned to the repository's " +
  "immutable ids) and a GitHub Actions workflow that signs in to JFrog with it: no stored JFrog secrets. " +
  "Commands go at the start of a line of an issue or PR comment; several run in order.";

/** `mayRun` says, per access level, whether the commenter passes it (null: not checked). */
export function generalHelp(mayRun: (access: Access) => boolean | null): string {
  const rows = COMMANDS.map((spec) => {
    const you = mayRun(spec.access);
    return [code(usage(spec)), spec.summary, WHO[spec.access], you === null ? "" : you ? "✅" : "—"];
  });
  return [INTRO, "", table(["command", "what it does", "who may run it", "you"], rows)].join("\n");
}

export function commandHelp(spec: CommandSpec): string {
  const options = Object.entries(spec.options);
  return [
    `**Usage:** ${code(usage(spec))} — ${spec.summary}.`,
    "",
    `**Who may run it:** ${WHO[spec.access]}.`,
    ...(options.length
      ? [
          "",
          table(
            ["option", "meaning"],
            options.map(([key, o]) => [code(`${key}=…`), o.description]),
          ),
        ]
      : []),
  ].join("\n");
}
