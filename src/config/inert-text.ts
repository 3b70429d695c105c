/**
 * Text from a policy or a repository's config that may end up in a generated workflow, a branch, a label or a
 * JFrog token spec. Two things are refused wherever such text is parsed (and again at render, see
 * workflow/untrusted.ts): `${{`, which GitHub evaluates as an expression in almost any workflow string
 * (https://docs.github.com/actions/reference/workflows-and-actions/expressions), and characters that parsers or
 * readers disagree on.
 */

/**
 * Controls other than tab/LF/CR; NEL, LINE and PARAGRAPH SEPARATOR, which YAML 1.1 parsers (GitHub's runner uses
 * YamlDotNet) treat as line breaks while the `yaml` library writes them raw; bidi marks, overrides and isolates,
 * which make a reviewed diff read differently from what runs ("Trojan Source", CVE-2021-42574); BOM.
 */
export const UNSAFE_CHARACTER =
  /(?![\t\n\r])[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

export const EXPRESSION_OPENER = "${{";

/** Why `value` may not be used as-is, or null when it is inert. */
export function inertTextProblem(value: string): string | null {
  if (value.includes(EXPRESSION_OPENER))
    return 'must not contain "${{": GitHub Actions would evaluate it as an expression';
  const unsafe = UNSAFE_CHARACTER.exec(value)?.[0];
  if (unsafe !== undefined)
    return `must not contain the control or bidi character ${codePoint(unsafe)}: it makes the text read differently than it is`;
  return null;
}

export function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
