/** `help`, and the answer to a command that did not parse: the help of that command, or the general help. */
import type { Access } from "../../github/authorize.js";
import { type CommandName, commandSpec } from "../catalog.js";
import type { CommandContext } from "../command-context.js";
import { commandHelp, generalHelp } from "../render/help-text.js";

/** Help is open to anyone: when GitHub cannot say what the commenter may do, the "you" column stays blank. */
export async function runHelp(ctx: CommandContext): Promise<string> {
  const decisions = new Map<Access, boolean>();
  for (const access of ["anyone", "repository", "org"] as const) {
    try {
      decisions.set(access, (await ctx.authorizer.check(access)).allowed);
    } catch (error) {
      ctx.log.warn({ access, err: (error as Error).message }, "could not check permissions for help");
    }
  }
  return generalHelp((access) => decisions.get(access) ?? null);
}

export function problemHelp(name: CommandName | null, problem: string): string {
  const help = name ? commandHelp(commandSpec(name)) : generalHelp(() => null);
  return [`⚠️ ${problem}.`, "", help].join("\n");
}
