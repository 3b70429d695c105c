/**
 * The access tokens the emulator hands out on a successful exchange: JWTs shaped like JFrog's
 * (`iss` `jfac@<id>`, `sub` `<iss>/users/<username>`, `scp`, `aud`, `exp`), plus the identity mapping and
 * provider that granted them, so tests can see which mapping won.
 */
import { randomUUID } from "node:crypto";
import { generateKeyPair, type JWTPayload, jwtVerify, SignJWT } from "jose";

export interface GrantedToken {
  username: string;
  scope: string;
  audience: string;
  expiresInSeconds: number;
  identityMapping: string;
  provider: string;
}

export interface AccessTokens {
  sign(grant: GrantedToken): Promise<string>;
  /** Verifies a token this emulator issued (signature, issuer, expiry by the emulator's clock). */
  verify(token: string): Promise<JWTPayload>;
}

export async function createAccessTokens(now: () => Date): Promise<AccessTokens> {
  // JFrog signs with RS256; nothing outside the emulator checks the algorithm, and an RSA key costs a few hundred
  // ms on every emulator start where a P-256 key costs about one.
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const issuer = `jfac@sandbox-${randomUUID().slice(0, 8)}`;
  return {
    sign(grant) {
      const iat = Math.floor(now().getTime() / 1000);
      return new SignJWT({
        scp: grant.scope,
        identity_mapping: grant.identityMapping,
        oidc_provider: grant.provider,
      })
        .setProtectedHeader({ alg: "ES256", typ: "JWT" })
        .setIssuer(issuer)
        .setSubject(`${issuer}/users/${grant.username}`)
        .setAudience(grant.audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + grant.expiresInSeconds)
        .setJti(randomUUID())
        .sign(privateKey);
    },
    async verify(token) {
      return (await jwtVerify(token, publicKey, { issuer, currentDate: now() })).payload;
    },
  };
}
