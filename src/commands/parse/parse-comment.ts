/**
 * `/jfrog-oidc <command> [key=value …]` at the start of a line (see command-lines.ts for which lines count).
 * Several commands run in order. Input is hostile until proven otherwise: the comment, the number of commands, the
 * number and length of words are all capped, and every value is checked by its option's validator. Problems are
 * answered with that command's help; problem texts quote input only through `code()`.
 */

import { code } from "../../github/markdown.js";
import { COMMAND_PREFIX, COMMANDS, type CommandName, type CommandSpec } from "../catalog.js";
import { commandLines } from "./command-lines.js";

/** GitHub's own limit for a comment body; anything longer is not a comment GitHub made. */
export const MAX_COMMENT_CHARS = 65_536;
export const MAX_COMMANDS = 5;
const MAX_WORDS = 8;
const MAX_WORD_CHARS = 300;

export type ParsedCommand =
  | { ok: true; name: CommandName; options: Record<string, string> }
  /** `name` is the command whose help answers the problem; null for an unknown command (general help). */
  | { ok: false; name: CommandName | null; problem: string };

export interface ParsedComment {
  commands: ParsedCommand[];
  /** Commands past MAX_COMMANDS, not run. */
  dropped: number;
}

/** Cheap pre-filter for the webhook handler: most comments never mention the app. */
export function mentionsCommand(body: string): boolean {
  return body.toLowerCase().includes(COMMAND_PREFIX);
}

export function parseComment(body: string): ParsedComment {
  const commands: ParsedCommand[] = [];
  let dropped = 0;
  for (const line of commandLines(body.slice(0, MAX_COMMENT_CHARS))) {
    const rest = afterPrefix(line.text);
    if (rest === null) continue;
    if (commands.length >= MAX_COMMANDS) dropped++;
    else commands.push(parseCommand(rest));
  }
  return { commands, dropped };
}

/** The text after `/jfrog-oidc` when the line starts with it as a whole word, else null. */
function afterPrefix(line: string): string | null {
  const head = line.slice(0, COMMAND_PREFIX.length);
  if (head.toLowerCase() !== COMMAND_PREFIX) return null;
  const rest = line.slice(COMMAND_PREFIX.length);
  if (rest !== "" && !/^\s/u.test(rest)) return null;
  return rest;
}

const ROLLOUT_SUBCOMMANDS = new Set(["status", "pause", "resume"]);

function parseCommand(rest: string): ParsedCommand {
  const words = tokenize(rest);
  if (!words.ok) return { ok: false, name: null, problem: words.problem };
  const [first, ...more] = words.value;
  if (first === undefined) return { ok: true, name: "help", options: {} }; // a bare `/jfrog-oidc`
  let word = first.toLowerCase();
  let args = more;
  if (word === "rollout") {
    // `rollout` alone starts the rollout; a following word that is not an option names a sub-command.
    const sub = more[0]?.toLowerCase();
    if (sub !== undefined && !sub.includes("=")) {
      if (!ROLLOUT_SUBCOMMANDS.has(sub))
        return { ok: false, name: "rollout", problem: `unknown rollout command ${code(sub)}` };
      word = `rollout ${sub}`;
      args = more.slice(1);
    }
  }
  const spec = COMMANDS.find((c) => c.name === word);
  if (!spec) return { ok: false, name: null, problem: `unknown command ${code(first)}` };
  return parseOptions(spec, args);
}

function parseOptions(spec: CommandSpec, args: string[]): ParsedCommand {
  const options: Record<string, string> = {};
  const fail = (problem: string): ParsedCommand => ({ ok: false, name: spec.name, problem });
  for (const arg of args) {
    const match = arg.match(/^([A-Za-z][A-Za-z0-9_-]*)=(.*)$/s);
    if (!match) return fail(`expected \`key=value\`, got ${code(arg)}`);
    const key = (match[1] ?? "").toLowerCase();
    const option = Object.hasOwn(spec.options, key) ? spec.options[key] : undefined;
    if (!option)
      return fail(
        Object.keys(spec.options).length === 0
          ? `\`${spec.name}\` takes no options (got ${code(key)})`
          : `unknown option ${code(key)}`,
      );
    if (key in options) return fail(`option ${code(key)} given twice`);
    const value = option.parse(unquote(match[2] ?? ""));
    if (!value.ok) return fail(`${key}: ${value.problem}`);
    options[key] = value.value;
  }
  return { ok: true, name: spec.name, options };
}

/** Words split on whitespace; `key="two words"` keeps its quoted value whole (environment names have spaces). */
function tokenize(rest: string): { ok: true; value: string[] } | { ok: false; problem: string } {
  const words = rest.match(/[^\s"]*"[^"]*"|[^\s]+/gu) ?? [];
  if (words.length > MAX_WORDS)
    return { ok: false, problem: `too many words (at most ${MAX_WORDS} after \`${COMMAND_PREFIX}\`)` };
  const long = words.find((w) => w.length > MAX_WORD_CHARS);
  if (long) return { ok: false, problem: `a word of ${long.length} characters is too long` };
  return { ok: true, value: words };
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
