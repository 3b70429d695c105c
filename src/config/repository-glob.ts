/**
 * The repository name globs of `repositories.include` / `exclude`, compiled once, when the policy is parsed.
 *
 * picomatch does the matching: `*` is any run, `?` one character. Options: `nocase` because GitHub's repository
 * names are case-insensitive; `dot` so `*` also matches a name that starts with '.' (the org's `.github`);
 * `noglobstar` because names hold no '/' (and picomatch 4 mis-escapes a '.' after `***` in globstar mode).
 * One path rule remains: a `*` right after a '.' needs a character, so `*.*` does not match a name ending in '.'.
 */
import picomatch from "picomatch";
import { z } from "zod";

export interface RepositoryGlob {
  /** The pattern as the policy wrote it (for messages). */
  readonly pattern: string;
  matches(name: string): boolean;
  /** Serialized as the written pattern, so a logged or printed policy reads as the file did. */
  toJSON(): string;
}

export function compileRepositoryGlob(pattern: string): RepositoryGlob {
  const isMatch = picomatch(pattern, { nocase: true, dot: true, noglobstar: true });
  return { pattern, matches: (name) => isMatch(name), toJSON: () => pattern };
}

export const repositoryGlob = z
  .string()
  .min(1)
  .regex(
    /^[A-Za-z0-9._*?-]+$/,
    "must be a repository name glob using letters, digits, '.', '_', '-', '*', '?'",
  )
  .transform(compileRepositoryGlob);
