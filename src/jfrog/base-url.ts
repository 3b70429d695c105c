/**
 * The JFrog Platform URL the app calls with its admin token and writes into workflows, checked here and nowhere
 * else: the operator's JFROG_URL (settings), the Access client and the workflow renderer all parse it with these
 * rules. Plain http only to this machine (the local sandbox's JFrog emulator): a real JFrog must be reached over
 * TLS. Self-hosted JFrog may sit under a path prefix, which is kept.
 */
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

declare const checked: unique symbol;
/** A JFrog Platform base URL that passed `parseJFrogUrl`: no trailing slash, no `/access` or `/artifactory`. */
export type JFrogUrl = string & { readonly [checked]: true };

export type ParsedJFrogUrl = { ok: true; url: JFrogUrl } | { ok: false; problem: string };

/** The platform base URL in `raw`, or why it is not one ("is not a URL", "must …"). */
export function parseJFrogUrl(raw: string): ParsedJFrogUrl {
  const trimmed = raw.trim();
  if (!URL.canParse(trimmed)) return { ok: false, problem: "is not a URL" };
  const url = new URL(trimmed);
  const loopback = LOOPBACK_HOSTS.includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    return { ok: false, problem: "must use https (http is accepted only for localhost)" };
  if (url.username || url.password)
    return { ok: false, problem: "must not carry credentials; set JFROG_ACCESS_TOKEN instead" };
  if (url.search || url.hash) return { ok: false, problem: "must not have a query or fragment" };
  // People paste the Access or Artifactory URL; the platform base is what the client and the workflow need.
  const path = url.pathname.replace(/\/+$/, "").replace(/\/(access|artifactory)$/, "");
  return { ok: true, url: `${url.origin}${path}` as JFrogUrl };
}
