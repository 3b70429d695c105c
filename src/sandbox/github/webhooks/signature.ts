/** GitHub's delivery signatures: HMAC of the exact body bytes with the webhook secret. */
import { createHmac } from "node:crypto";

export function signatures(secret: string, body: string): { sha256: string; sha1: string } {
  return {
    sha256: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    sha1: `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`,
  };
}
