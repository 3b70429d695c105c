/**
 * The JFrog admin token read from JFROG_ACCESS_TOKEN_FILE, and read AGAIN when the file changes: Kubernetes
 * updates a mounted Secret in place (a new file behind the same path, within the kubelet's sync period) and Docker
 * secrets are replaced on redeploy, so an operator rotates the token by replacing the secret, with no restart.
 * https://kubernetes.io/docs/concepts/configuration/secret/#mounted-secrets-are-updated-automatically
 *
 * Each read is a `stat` (the file's identity: inode, size, mtime), and the content only when that changed. A file
 * that is now missing, empty or malformed keeps the last good token (fail closed: JFrog's 401 on an expired one
 * then stops writes through the token watch) and is reported once per change.
 */
import { readFileSync, statSync } from "node:fs";
import type { TokenSource } from "../jfrog/client.js";
import type { JobLogger } from "../logger.js";

export interface TokenFileOptions {
  path: string;
  /** The token start-up read and checked (settings/jfrog.ts). */
  initial: string;
  log: Pick<JobLogger, "info" | "warn">;
  /** Told of a new token before anything else sees it: the logger must redact it from then on (logger.ts). */
  onNewToken?: (token: string) => void;
}

export class TokenFile implements TokenSource {
  #token: string;
  #identity: string;

  constructor(private readonly options: TokenFileOptions) {
    this.#token = options.initial;
    this.#identity = this.#stat() ?? "";
  }

  current(): string {
    const identity = this.#stat();
    if (identity !== undefined && identity !== this.#identity) this.#reread(identity);
    return this.#token;
  }

  refresh(): boolean {
    const before = this.#token;
    this.#reread(this.#stat() ?? "");
    return this.#token !== before;
  }

  #reread(identity: string): void {
    const { path, log } = this.options;
    this.#identity = identity;
    let token: string;
    try {
      token = readFileSync(path, "utf8").trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      log.warn({ path, code }, "JFROG_ACCESS_TOKEN_FILE cannot be read; keeping the token read before");
      return;
    }
    if (token === "" || /\s/.test(token)) {
      log.warn(
        { path },
        "JFROG_ACCESS_TOKEN_FILE is empty or holds more than a token; keeping the token read before",
      );
      return;
    }
    if (token === this.#token) return;
    this.options.onNewToken?.(token);
    this.#token = token;
    log.info({ path }, "JFROG_ACCESS_TOKEN_FILE changed: the new JFrog token is used from now on");
  }

  /** The file's identity, or undefined when it cannot be seen right now. */
  #stat(): string | undefined {
    try {
      const s = statSync(this.options.path);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return undefined;
    }
  }
}
