/**
 * Validators for command options. Values end up in simulated token claims and in replies, so each accepts only
 * what the claim can really hold (git ref and environment name rules) and normalizes shorthands.
 */
import { code } from "../github/markdown.js";

export type OptionValue = { ok: true; value: string } | { ok: false; problem: string };

const REF_CHARS = /^[A-Za-z0-9._/+-]{1,200}$/;

/** `main` → `refs/heads/main`; full refs under heads, tags or a pull request's merge ref are kept. */
export function parseRef(raw: string): OptionValue {
  const badShape =
    !REF_CHARS.test(raw) ||
    raw.includes("..") ||
    raw.includes("//") ||
    raw.startsWith("/") ||
    raw.endsWith("/") ||
    raw.endsWith(".lock");
  if (badShape)
    return { ok: false, problem: `${code(raw)} is not a git ref (letters, digits, \`._/+-\`; no \`..\`)` };
  if (!raw.startsWith("refs/")) return { ok: true, value: `refs/heads/${raw}` };
  if (/^refs\/(heads|tags)\/./.test(raw) || /^refs\/pull\/\d+\/merge$/.test(raw))
    return { ok: true, value: raw };
  return {
    ok: false,
    problem: `${code(raw)} must be a branch name, \`refs/heads/…\`, \`refs/tags/…\` or \`refs/pull/<n>/merge\``,
  };
}

/** GitHub environment names (the same rule the org policy uses). */
export function parseEnvironment(raw: string): OptionValue {
  if (/^[A-Za-z0-9 ._-]{1,255}$/.test(raw) && raw.trim() === raw) return { ok: true, value: raw };
  return { ok: false, problem: `${code(raw)} is not a GitHub environment name` };
}

/** `release.yml` → `.github/workflows/release.yml`: the workflow file whose token is simulated. */
export function parseWorkflow(raw: string): OptionValue {
  const match = raw.match(/^(?:\.github\/workflows\/)?([A-Za-z0-9._-]{1,100}\.ya?ml)$/);
  if (match?.[1] && !match[1].startsWith(".")) return { ok: true, value: `.github/workflows/${match[1]}` };
  return { ok: false, problem: `${code(raw)} is not a workflow file such as \`release.yml\`` };
}
