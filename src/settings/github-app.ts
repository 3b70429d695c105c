/**
 * The GitHub App's own settings: its id, private key and webhook secret. Checked here rather than left to Probot,
 * which on a missing id or key prints a stack trace or starts its interactive setup mode, and without a webhook
 * secret accepts deliveries signed with its public default ("development").
 */
import { createPrivateKey } from "node:crypto";
import { type Report, setting } from "./variables.js";

export type ReadFile = (path: string) => string;

/** GitHub generates webhook secrets of 40 hex characters; anything shorter than this is guessable. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

export const appIdSetting = setting(["APP_ID"], ({ APP_ID }, report) => {
  const example = "the App ID from the app's settings page, e.g. APP_ID=123456";
  if (!APP_ID) report("APP_ID", `is not set: ${example}`);
  else if (!/^[1-9]\d{0,11}$/.test(APP_ID))
    report("APP_ID", `must be a number (got "${APP_ID}"): ${example}`);
  return Number(APP_ID);
});

export const webhookSecretSetting = setting(["WEBHOOK_SECRET"], ({ WEBHOOK_SECRET }, report) => {
  const example = "the secret set in the app's settings, e.g. WEBHOOK_SECRET=$(openssl rand -hex 20)";
  if (!WEBHOOK_SECRET)
    report("WEBHOOK_SECRET", `is not set: deliveries could not be verified; set ${example}`);
  else if (WEBHOOK_SECRET.length < MIN_WEBHOOK_SECRET_LENGTH)
    report(
      "WEBHOOK_SECRET",
      `is shorter than ${MIN_WEBHOOK_SECRET_LENGTH} characters, too easy to guess: set a random one, ${example}`,
    );
  return WEBHOOK_SECRET ?? "";
});

export function privateKeySetting(readFile: ReadFile) {
  return setting(["PRIVATE_KEY", "PRIVATE_KEY_PATH"], ({ PRIVATE_KEY, PRIVATE_KEY_PATH }, report) => {
    const example =
      "the .pem downloaded from the app's settings page, e.g. PRIVATE_KEY_PATH=/run/secrets/github-app.pem";
    if (PRIVATE_KEY && PRIVATE_KEY_PATH) {
      report("PRIVATE_KEY", "and PRIVATE_KEY_PATH are both set: set only one of them");
      return "";
    }
    if (PRIVATE_KEY_PATH) {
      let content: string;
      try {
        content = readFile(PRIVATE_KEY_PATH);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
        report("PRIVATE_KEY_PATH", `(${PRIVATE_KEY_PATH}) cannot be read (${code}): set ${example}`);
        return "";
      }
      return checkedKey("PRIVATE_KEY_PATH", content, example, report);
    }
    if (!PRIVATE_KEY) {
      report("PRIVATE_KEY", `is not set (nor PRIVATE_KEY_PATH): set ${example}`);
      return "";
    }
    return checkedKey("PRIVATE_KEY", inlineKey(PRIVATE_KEY), example, report);
  });
}

/**
 * The inline forms Probot accepts (@probot/get-private-key): the PEM itself, with newlines written as `\n`, or the
 * whole PEM base64-encoded (one line, as some secret stores need).
 */
function inlineKey(raw: string): string {
  const decoded = raw.includes("-----BEGIN") ? raw : Buffer.from(raw, "base64").toString("utf8");
  return decoded.replace(/\\n/g, "\n");
}

/** The key must be one Node can load and RSA (GitHub signs app JWTs with RS256). The value is never echoed. */
function checkedKey(name: string, pem: string, example: string, report: Report): string {
  try {
    const key = createPrivateKey(pem.trim());
    if (key.asymmetricKeyType === "rsa") return pem.trim();
    report(name, `is a ${key.asymmetricKeyType} key, not the RSA key GitHub issues: set ${example}`);
  } catch {
    report(name, `is not a PEM private key: set ${example}`);
  }
  return "";
}
