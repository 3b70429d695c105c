/**
 * Rotating the JFrog token without a restart (JFROG_ACCESS_TOKEN_FILE, the Kubernetes/Docker secret way): the app
 * as production starts it (start.ts) reads the file at start-up; the operator replaces the file; the next JFrog
 * request carries the new token, and the token watch checks the new one. A file that turns empty keeps the last
 * good token. nock checks the exact Authorization header JFrog receives.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { ComposedApp } from "../src/compose.js";
import { JFrogClient } from "../src/jfrog/client.js";
import { createLogger, SecretValues } from "../src/logger.js";
import { TokenFile } from "../src/settings/token-file.js";
import { start } from "../src/start.js";
import { appKeyPair } from "./support/app-key.js";

const JFROG_URL = "https://acme.jfrog.io";
const OLD = "reference-token-old-0123456789";
const NEW = "reference-token-new-9876543210";
const { privateKey } = appKeyPair();

const dir = mkdtempSync(join(tmpdir(), "token-rotation-"));
const file = join(dir, "jfrog-token");
/** Like the kubelet: the new content is written beside the file, then swapped in (a new inode). */
function replaceSecret(token: string): void {
  writeFileSync(`${file}.next`, `${token}\n`);
  renameSync(`${file}.next`, file);
}

const answers = (token: string, status = 200) =>
  nock(JFROG_URL, { reqheaders: { authorization: `Bearer ${token}` } })
    .get("/access/api/v1/oidc")
    .reply(status, status === 200 ? [] : { errors: [{ code: "UNAUTHORIZED", message: "Bad credentials" }] });

afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
});

describe("JFROG_ACCESS_TOKEN_FILE rotation", () => {
  it("uses the new token from the next request on, in the jobs' client and in the token watch", async () => {
    replaceSecret(OLD);
    const lines: string[] = [];
    const log = await createLogger({
      secrets: [OLD, NEW],
      destination: { write: (l: string) => void lines.push(l) },
    });
    let composed: ComposedApp | undefined;
    answers(OLD);
    const code = await start(
      {
        APP_ID: "123456",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: "0123456789abcdef0123",
        JFROG_URL,
        JFROG_ACCESS_TOKEN_FILE: file,
      },
      {
        log,
        run: async () => {},
        jfrogClientOptions: { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
        onStarted: (app) => {
          composed = app;
        },
      },
    );
    expect(code).toBeUndefined();
    const watch = composed?.tokenWatch;

    replaceSecret(NEW);
    answers(NEW);
    expect(await watch?.check()).toBe("valid");
    expect(lines.join("")).toContain(
      "JFROG_ACCESS_TOKEN_FILE changed: the new JFrog token is used from now on",
    );

    // Emptied by mistake: the last good token goes on being used, and the operator is told.
    writeFileSync(file, "");
    answers(NEW);
    expect(await watch?.check()).toBe("valid");
    expect(lines.join("")).toContain("JFROG_ACCESS_TOKEN_FILE is empty or holds more than a token");
    expect(lines.join("")).not.toContain(NEW);
    await composed?.shutdown(0);
  });

  it("redacts the rotated token in the log from the moment it is read, and the old one still", async () => {
    replaceSecret(OLD);
    const lines: string[] = [];
    // As main.ts does: the logger knows the operator's secrets as read at start-up, nothing more.
    const secrets = new SecretValues([OLD]);
    const log = await createLogger({ secrets, destination: { write: (l: string) => void lines.push(l) } });
    let composed: ComposedApp | undefined;
    answers(OLD);
    await start(
      {
        APP_ID: "123456",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: "0123456789abcdef0123",
        JFROG_URL,
        JFROG_ACCESS_TOKEN_FILE: file,
      },
      {
        log,
        redact: (secret) => secrets.add(secret),
        run: async () => {},
        jfrogClientOptions: { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
        onStarted: (app) => {
          composed = app;
        },
      },
    );
    replaceSecret(NEW);
    answers(NEW);
    expect(await composed?.tokenWatch?.check()).toBe("valid");

    // Whatever carries it: a message, an error's text, a field pino's paths do not know.
    log.error({ err: new Error(`JFrog said: token ${NEW} expired`), note: NEW }, `refused ${NEW} and ${OLD}`);
    const last = lines.at(-1) ?? "";
    expect(last).not.toContain(NEW);
    expect(last).not.toContain(OLD);
    expect(last).toContain("refused [redacted] and [redacted]");
    await composed?.shutdown(0);
  });

  it("re-reads the file after a 401 and sends the refused request once more with the rotated token", async () => {
    replaceSecret(OLD);
    const log = await createLogger({ level: "fatal", secrets: [], destination: { write: () => {} } });
    const source = new TokenFile({ path: file, initial: OLD, log });
    // A holder that looks at the file only when asked to refresh: what a 401 must make it do.
    let held = OLD;
    const client = new JFrogClient({
      baseUrl: JFROG_URL,
      token: {
        current: () => held,
        refresh: () => {
          const changed = source.refresh();
          held = source.current();
          return changed;
        },
      },
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
    // The old token was revoked at the moment the new secret landed, before any stat saw the change.
    replaceSecret(NEW);
    answers(OLD, 401);
    answers(NEW);
    await expect(client.checkAccess()).resolves.toBeUndefined();
  });

  it("still fails as refused when the file holds no new token", async () => {
    replaceSecret(OLD);
    const log = await createLogger({ level: "fatal", secrets: [], destination: { write: () => {} } });
    const client = new JFrogClient({
      baseUrl: JFROG_URL,
      token: new TokenFile({ path: file, initial: OLD, log }),
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
    answers(OLD, 401);
    await expect(client.checkAccess()).rejects.toMatchObject({ kind: "auth", status: 401 });
  });
});

process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
