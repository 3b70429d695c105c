/**
 * A real `redis-server` (Debian's package; `.ci/run` installs it) for the tests of the Redis mode and for the
 * benchmark's replicas: one private instance per test file (or bench run) on a unix socket in a temp dir (no TCP
 * port at all), nothing persisted (no RDB, no AOF), stopped and removed afterwards. When the binary is missing the
 * tests FAIL with how to install it: the Redis mode is never silently untested.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

export interface RedisServer {
  /** What REDIS_URL would hold: ioredis and Probot accept a socket path. */
  url: string;
  /** A new client; closed by `stop()`. */
  client(): Redis;
  /** Empties the database between tests. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const READY = /ready to accept connections/i;
const START_TIMEOUT_MS = 10_000;

export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "redis-test-"));
  const socket = join(dir, "redis.sock");
  const args = ["--port", "0", "--unixsocket", socket, "--unixsocketperm", "700", "--dir", dir];
  const child = spawn("redis-server", [...args, "--save", "", "--appendonly", "no", "--loglevel", "notice"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    await waitUntilReady(child);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(socket, { maxRetriesPerRequest: null });
    // Each failed (re)connection is an `error` event; without a listener ioredis prints it as "Unhandled error
    // event" (EPIPE, ENOENT, "Connection is closed" at teardown). What fails still fails: the commands reject.
    redis.on("error", () => {});
    clients.push(redis);
    return redis;
  };
  const admin = client();
  return {
    url: socket,
    client,
    flush: async () => void (await admin.flushall()),
    stop: async () => {
      // A test may have shut the server down itself (SHUTDOWN: Redis gone under a running app): a QUIT would then
      // wait for a server that never comes back.
      const running = child.exitCode === null && child.signalCode === null;
      await Promise.all(
        clients.map((c) => (running ? c.quit().catch(() => c.disconnect()) : c.disconnect())),
      );
      if (running) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function waitUntilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (READY.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === "ENOENT"
          ? new Error(
              "redis-server is not installed, and the Redis mode's tests need a real one: " +
                "run `apt-get update && apt-get install -y redis-server` (.ci/run does this in CI)",
            )
          : error,
      );
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`));
    });
  });
}
