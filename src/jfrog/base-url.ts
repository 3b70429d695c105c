/**
 * What a JFrog Platform URL the app writes into workflows and calls with its admin token must look like. Plain http
 * only to this machine (the local sandbox's JFrog emulator): a real JFrog must be reached over TLS.
 */
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/** Why `url` is not acceptable as the JFrog URL ("must …"), or undefined when it is. */
export function jfrogUrlProblem(url: URL): string | undefined {
  const loopback = LOOPBACK_HOSTS.includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    return "must use https (http is accepted only for localhost)";
  if (url.username || url.password) return "must not carry credentials; set JFROG_ACCESS_TOKEN instead";
  if (url.search || url.hash) return "must not have a query or fragment";
  return undefined;
}
