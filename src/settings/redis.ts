/**
 * REDIS_URL: the scale-out mode (README: Operations › Scale-out). Unset, everything runs in-process. Set, the job
 * queue, the content budget, the sweep's lease and Probot's request throttling live in that Redis. Checked here
 * so a typo fails start-up with its name instead of a replica that retries a connection forever. The value may
 * carry a password: no message repeats it.
 */
import { setting } from "./variables.js";

const EXAMPLE = "e.g. REDIS_URL=redis://:password@redis:6379/0 (rediss:// for TLS, or a unix socket path)";

export const redisSetting = setting(["REDIS_URL"], ({ REDIS_URL }, report): string | undefined => {
  if (REDIS_URL === undefined) return undefined;
  // ioredis (and so Probot and BullMQ) takes a socket path as the URL: the test servers use one.
  if (REDIS_URL.startsWith("/")) return REDIS_URL;
  if (!URL.canParse(REDIS_URL)) {
    report("REDIS_URL", `is not a URL: ${EXAMPLE}`);
    return undefined;
  }
  const { protocol, hostname } = new URL(REDIS_URL);
  if ((protocol !== "redis:" && protocol !== "rediss:") || !hostname) {
    report("REDIS_URL", `must start with redis:// or rediss:// and name a host: ${EXAMPLE}`);
    return undefined;
  }
  return REDIS_URL;
});
