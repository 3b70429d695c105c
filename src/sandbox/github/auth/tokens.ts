/**
 * Installation access tokens (`ghs_…`): issued to the app for one installation, carrying that installation's
 * permissions (or a requested subset) and optionally a subset of its repositories, valid one hour.
 * Expiry follows the real clock, like the app's token cache does.
 */
import { randomBytes } from "node:crypto";
import type { Permissions } from "../state/model.js";

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export interface InstallationToken {
  token: string;
  installationId: number;
  permissions: Permissions;
  /** null: every repository the installation can see. */
  repositoryIds: Set<number> | null;
  expiresAt: Date;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `ghs_` and 36 base62 characters, the shape of GitHub's installation tokens (and what log scrubbers look for). */
function newToken(): string {
  return `ghs_${[...randomBytes(36)].map((byte) => BASE62[byte % 62]).join("")}`;
}

export class TokenStore {
  readonly #tokens = new Map<string, InstallationToken>();

  issue(grant: Omit<InstallationToken, "token" | "expiresAt">): InstallationToken {
    const issued: InstallationToken = {
      ...grant,
      token: newToken(),
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS),
    };
    this.#tokens.set(issued.token, issued);
    return issued;
  }

  /** The live token, or undefined for an unknown, expired or revoked one. */
  lookup(token: string): InstallationToken | undefined {
    const found = this.#tokens.get(token);
    if (!found) return undefined;
    if (found.expiresAt.getTime() <= Date.now()) {
      this.#tokens.delete(token);
      return undefined;
    }
    return found;
  }
}
