/**
 * A local GitHub Actions OIDC issuer: discovery document, JWKS and RS256 ID tokens shaped like GitHub's, so the
 * JFrog emulator (and the app's `verify` command) can run a real token exchange offline.
 */
import { randomUUID } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { type HttpResponse, requestUrl, writeResponse } from "../shared/http.js";
import { startHttpServer } from "../shared/server.js";
import { GITHUB_CLAIMS, githubClaims, type MintTokenOptions } from "./claims.js";

export interface OidcIssuerOptions {
  /** Clock for `iat`/`nbf`/`exp` when `mintToken` gets no `issuedAt`. */
  now?: () => Date;
}

export interface OidcIssuer {
  /** Base URL and `iss` of every token: `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `kid` of the signing key, in the JWKS and in every token header. */
  readonly kid: string;
  mintToken(opts: MintTokenOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startOidcIssuer(options: OidcIssuerOptions = {}): Promise<OidcIssuer> {
  const now = options.now ?? (() => new Date());
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: "RS256", use: "sig" } satisfies JWK] };

  let url = "";
  const routes: Record<string, () => HttpResponse> = {
    "/.well-known/openid-configuration": () => ({ status: 200, body: discovery(url) }),
    "/.well-known/jwks": () => ({ status: 200, body: jwks }),
  };
  const server = await startHttpServer(async (req, res) => {
    const route = routes[requestUrl(req).pathname];
    if (!route) return writeResponse(res, { status: 404, body: { message: "Not Found" } });
    if (req.method !== "GET" && req.method !== "HEAD") {
      return writeResponse(res, {
        status: 405,
        headers: { allow: "GET" },
        body: { message: "Method Not Allowed" },
      });
    }
    writeResponse(res, route());
  });
  url = server.url;

  let minted = 0;
  return {
    url,
    kid,
    async mintToken(opts) {
      minted += 1;
      const claims = githubClaims(opts, {
        issuer: url,
        issuedAt: opts.issuedAt ?? now(),
        run: minted,
        jti: randomUUID(),
      });
      return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(privateKey);
    },
    close: () => server.close(),
  };
}

/** Shaped like https://token.actions.githubusercontent.com/.well-known/openid-configuration. */
function discovery(issuer: string) {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks`,
    subject_types_supported: ["public", "pairwise"],
    response_types_supported: ["id_token"],
    claims_supported: GITHUB_CLAIMS,
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid"],
  };
}
