/**
 * The app as production runs it: `node dist/main.js` (built first by `npm run test:chaos`) in a child process of
 * its own, configured only through its environment, listening on a free port that its "Listening on" log line
 * names. The chaos scenarios kill it (SIGKILL), stop it (SIGTERM) and start it again.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../../dist/main.js", import.meta.url));
const START_TIMEOUT_MS = 20_000;

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface AppProcess {
  readonly name: string;
  /** Where the emulator (or the fan-out in front of the replicas) delivers webhooks. */
  readonly webhookUrl: string;
  readonly url: string;
  /** Every JSON log line the process wrote so far. */
  readonly logs: readonly LogLine[];
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>;
  readonly alive: boolean;
  /** Sends the signal at once (synchronously: a SIGKILL lands before anything else of the test runs). */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL, then waits for the process to be gone. */
  kill(): Promise<void>;
}

/** Starts `node dist/main.js` with exactly `env` (plus PATH) and resolves once it listens. */
export async function startAppProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run the chaos suite with \`npm run test:chaos\` (it builds first)`);
  // A directory of its own: no stray `.env` in the working directory can change the settings under test.
  const cwd = mkdtempSync(join(tmpdir(), `chaos-${name}-`));
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  let stderr = "";
  let alive = true;
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => {
      alive = false;
      resolve(code ?? signal ?? "unknown");
    }),
  );
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const listening = readLines(child, logs);
  let url: string;
  try {
    url = await Promise.race([
      listening,
      exited.then((code) => {
        throw new Error(`${name} exited (${code}) before it listened:\n${tail(logs)}\n${stderr}`);
      }),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`${name} did not listen within ${START_TIMEOUT_MS} ms`)),
          START_TIMEOUT_MS,
        ),
      ),
    ]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    name,
    url,
    webhookUrl: `${url}/api/github/webhooks`,
    logs,
    exited,
    get alive() {
      return alive;
    },
    signal: (signal) => void child.kill(signal),
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Collects the JSON log lines; resolves with the server's URL from Probot's "Listening on http://…" line. */
function readLines(child: ChildProcess, logs: LogLine[]): Promise<string> {
  return new Promise((resolve) => {
    let partial = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      partial += chunk.toString();
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const text of lines) {
        if (!text.startsWith("{")) continue;
        const line = JSON.parse(text) as LogLine;
        logs.push(line);
        const listening = /^Listening on (http:\/\/\S+)$/.exec(line.msg ?? "");
        if (listening?.[1]) resolve(listening[1]);
      }
    });
  });
}

function tail(logs: readonly LogLine[]): string {
  return logs
    .filter((l) => l.name !== "http")
    .slice(-60)
    .map((l) => JSON.stringify(l))
    .join("\n");
}

/** The replica's last log lines (request lines left out), for a failure message. */
export function logTail(replica: AppProcess): string {
  return `${replica.name}'s last log lines:\n${tail(replica.logs)}`;
}
