/** `help`, and the answer to a command that did not parse: the help of that command, or the general help. */
import { type Access, type CommandName, commandSpec } from "../catalog.js";
import type { CommandContext } from "../command-context.js";
import { commandHelp, generalHelp } from "../render/help-text.js";

export async function runHelp(ctx: CommandContext): Promise<string> {
  const decisions = new Map<Access, boolean>();
  for (const access of ["anyone", "repository", "org"] as const)
    decisions.set(access, (await ctx.authorizer.check(access)).allowed);
  return generalHelp((access) => decisions.get(access) ?? null);
}

export function problemHelp(name: CommandName | null, problem: string): string {
  const help = name ? commandHelp(commandSpec(name)) : generalHelp(() => null);
  return [`⚠️ ${problem}.`, "", help].join("\n");
}
