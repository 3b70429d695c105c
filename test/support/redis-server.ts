/**
 * The tests start their Redis the way the benchmark does: one private redis-server each (src/sandbox).
 *
 * `useRedisServer()` is the usual set-up: one server for the test file, started before its first test and stopped
 * after its last, its database emptied before each test (no state leaks between tests). It returns the server
 * itself, read lazily: its `url` and `client()` are usable from the first test (or a later `beforeAll`) on.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type RedisServer, startRedisServer } from "../../src/sandbox/redis-server.js";

export { type RedisServer, startRedisServer };

export function useRedisServer(options: { flushBeforeEach?: boolean } = {}): RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
    server = undefined;
  });
  if (options.flushBeforeEach ?? true) beforeEach(async () => started().flush());

  function started(): RedisServer {
    if (!server)
      throw new Error("useRedisServer(): the server is started in beforeAll; read it from a test or hook");
    return server;
  }
  return {
    get url() {
      return started().url;
    },
    client: () => started().client(),
    flush: () => started().flush(),
    stop: () => started().stop(),
  };
}
