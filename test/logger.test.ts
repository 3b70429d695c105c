import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "../src/logger.js";

async function capture(secrets: string[]) {
  const lines: string[] = [];
  const log = await createLogger({ secrets, destination: { write: (l: string) => void lines.push(l) } });
  return { log, lines };
}

const JFROG_TOKEN = "eyJ2ZXIiOiIyIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl";
const PRIVATE_KEY =
  "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretkeymaterial\n-----END RSA PRIVATE KEY-----";

describe("logger", () => {
  it("redacts credential fields wherever they are put", async () => {
    const { log, lines } = await capture([]);
    log.info(
      {
        headers: { authorization: "Bearer abc" },
        token: "t0ken-value",
        request: { headers: { authorization: "x" } },
      },
      "call",
    );
    const line = JSON.parse(lines[0] ?? "{}");
    expect(line.headers.authorization).toBe("[redacted]");
    expect(line.token).toBe("[redacted]");
    expect(line.request.headers.authorization).toBe("[redacted]");
  });

  it("scrubs the operator's secrets and token-shaped strings from any field or message", async () => {
    const { log, lines } = await capture([JFROG_TOKEN, PRIVATE_KEY]);
    log.error({ err: `request failed with ${JFROG_TOKEN}`, key: PRIVATE_KEY }, `leak ${JFROG_TOKEN}`);
    log.warn(
      { url: "https://x/?access_token=ghs_abcdefghijklmnopqrstuvwxyz0123" },
      "Authorization: Bearer abcdefghijklmnopqrstu",
    );
    const all = lines.join("");
    expect(all).not.toContain(JFROG_TOKEN);
    expect(all).not.toContain("secretkeymaterial");
    expect(all).not.toContain("ghs_abcdefghijklmnopqrstuvwxyz0123");
    expect(all).not.toContain("abcdefghijklmnopqrstu");
    expect(all).toContain("Bearer [redacted]");
  });

  it("leaves ordinary text alone", () => {
    expect(scrubSecrets('{"msg":"mapping created","repository":"acme/app"}', ["secret-value"])).toBe(
      '{"msg":"mapping created","repository":"acme/app"}',
    );
  });
});
