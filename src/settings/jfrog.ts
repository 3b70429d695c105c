/**
 * The JFrog URL and admin token: from the operator's environment only. Nothing in any repository can point the app
 * at another JFrog or read the token: no policy field names a URL or a credential.
 */
import { type JFrogUrl, parseJFrogUrl } from "../jfrog/base-url.js";
import { inspectAdminToken } from "../jfrog/token-info.js";
import type { ReadFile } from "./github-app.js";
import { type Report, setting } from "./variables.js";

export const jfrogUrlSetting = setting(["JFROG_URL"], ({ JFROG_URL }, report): JFrogUrl => {
  const example = "a valid value looks like JFROG_URL=https://acme.jfrog.io";
  if (!JFROG_URL) {
    report("JFROG_URL", `is not set: ${example}`);
    return "" as JFrogUrl;
  }
  const parsed = parseJFrogUrl(JFROG_URL);
  if (parsed.ok) return parsed.url;
  report("JFROG_URL", `${parsed.problem}: ${example}`);
  return "" as JFrogUrl;
});

export interface JFrogToken {
  token: string;
  /** Problems worth a warning at start-up that do not stop it. */
  warnings: string[];
}

export function jfrogTokenSetting(readFile: ReadFile, now: Date) {
  return setting(
    ["JFROG_ACCESS_TOKEN", "JFROG_ACCESS_TOKEN_FILE"],
    ({ JFROG_ACCESS_TOKEN: inline, JFROG_ACCESS_TOKEN_FILE: file }, report): JFrogToken => {
      const none = { token: "", warnings: [] };
      if (inline && file) {
        report(
          "JFROG_ACCESS_TOKEN",
          "and JFROG_ACCESS_TOKEN_FILE are both set: set only one of them, not both",
        );
        return none;
      }
      if (!inline && !file) {
        report(
          "JFROG_ACCESS_TOKEN",
          "is not set: create an admin (or project admin) access token in JFrog and set " +
            "JFROG_ACCESS_TOKEN=<token> or JFROG_ACCESS_TOKEN_FILE=/run/secrets/jfrog-token",
        );
        return none;
      }
      let token = inline ?? "";
      const name = file ? "JFROG_ACCESS_TOKEN_FILE" : "JFROG_ACCESS_TOKEN";
      if (file) {
        try {
          token = readFile(file).trim();
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
          report(name, `(${file}) cannot be read (${code})`);
          return none;
        }
        if (!token) report(name, `(${file}) is empty`);
      }
      // A token with whitespace inside was pasted wrong; the message never repeats the value.
      if (/\s/.test(token)) report(name, "contains whitespace: paste the token alone");
      // Problems with the token name the variable the operator actually set.
      const label = file ? "the token in JFROG_ACCESS_TOKEN_FILE" : "JFROG_ACCESS_TOKEN";
      return { token, warnings: token ? checkAdminToken(token, now, label, report) : [] };
    },
  );
}

/**
 * JFrog access tokens are JWTs: decoding (not verifying) tells us when they expire and what they may do.
 * An expired token stops start-up; the rest are warnings.
 */
function checkAdminToken(token: string, now: Date, label: string, report: Report): string[] {
  const info = inspectAdminToken(token, now);
  if (!info.isJwt)
    return [
      `${label} is not a JWT (a reference token?): its expiry cannot be checked at start-up; ` +
        "prefer an access token so the app can warn before it expires",
    ];
  const expiresAt = info.expiresAt?.toISOString();
  if (info.expired) {
    // `report` prefixes the variable; the label may be longer ("the token in …").
    report(label, `expired at ${expiresAt}: create a new token in JFrog and restart`);
    return [];
  }
  const warnings: string[] = [];
  if (info.expiresSoon && info.expiresAt) {
    const days = Math.floor((info.expiresAt.getTime() - now.getTime()) / 86_400_000);
    warnings.push(`${label} expires at ${expiresAt} (in ${days} days): rotate it soon`);
  }
  if (!info.hasAdminScope)
    warnings.push(
      `${label} has no admin scope: managing OIDC mappings needs an admin (or project admin) token`,
    );
  return warnings;
}
