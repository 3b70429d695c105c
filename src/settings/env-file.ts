/**
 * The `.env` file of a local run, read BEFORE the settings are checked (Probot reads it only inside `run`, after our
 * check, so `npm start` with a `.env` used to say "JFROG_URL is not set"). A variable already set in the
 * environment wins over the file, as with dotenv and docker compose (Probot's own loader lets the file win).
 *
 * What the file adds is written into the environment it was given (`process.env` in main.ts), as dotenv and Probot's
 * own loader do: whoever reads `process.env` on their own (Probot's `createProbot` and production check, Octokit's
 * and pino's libraries) sees the values the settings check saw, not an environment without the file.
 */
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import type { Env } from "./variables.js";

export function withEnvFile(
  env: Record<string, string | undefined>,
  path = ".env",
  read: (path: string) => string = (p) => readFileSync(p, "utf8"),
): { env: Record<string, string | undefined>; problem?: string } {
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    if (code === "ENOENT") return { env: { ...env } };
    return { env: { ...env }, problem: `${path} cannot be read (${code}): fix its permissions or remove it` };
  }
  for (const [name, value] of Object.entries(parseEnv(text)))
    if (env[name] === undefined && value !== undefined) env[name] = value;
  return { env: { ...definedOnly(env) } };
}

/** An empty value in the environment counts as set (`FOO= npm start` means "FOO is empty"). */
function definedOnly(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
