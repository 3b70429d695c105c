/**
 * The building block of the settings schema: one setting read from one or more environment variables. Each setting
 * is its own zod schema over the environment, so a wrong PORT never hides a missing APP_ID: every problem of every
 * setting is reported at once, each naming its variable and what a valid value looks like.
 */
import { z } from "zod";

export type Env = Readonly<Record<string, string | undefined>>;

/** Unset and blank are the same; whitespace around a value is a paste accident. */
const variable = z
  .string()
  .optional()
  .transform((raw) => (raw?.trim() ? raw.trim() : undefined));

/** Reports a problem with one variable; the message starts with its name. Never put a secret's value in it. */
export type Report = (variable: string, message: string) => void;

export function setting<const N extends string, T>(
  names: readonly N[],
  read: (values: Record<N, string | undefined>, report: Report) => T,
) {
  const shape = Object.fromEntries(names.map((name) => [name, variable])) as Record<N, typeof variable>;
  return z
    .object(shape)
    .transform((values, ctx) =>
      read(values as Record<N, string | undefined>, (name, message) =>
        ctx.addIssue({ code: "custom", path: [name], message: `${name} ${message}` }),
      ),
    );
}

export function parseBoolean(name: string, raw: string | undefined, report: Report): boolean {
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (["true", "1", "yes"].includes(value)) return true;
  if (!["false", "0", "no"].includes(value))
    report(name, `must be true or false (got "${raw}"), e.g. ${name}=true`);
  return false;
}

/** One of `allowed`, or the default when unset. */
export function parseChoice<const C extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly C[],
  fallback: C,
  report: Report,
): C {
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as C;
  report(name, `must be one of ${allowed.join(", ")} (got "${raw}"), e.g. ${name}=${fallback}`);
  return fallback;
}
