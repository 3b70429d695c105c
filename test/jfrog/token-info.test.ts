import { describe, expect, it } from "vitest";
import { inspectAdminToken } from "../../src/jfrog/token-info.js";

const now = new Date("2026-03-01T00:00:00Z");
const day = 86_400;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** An unsigned JWT shaped like a JFrog access token; decoding never checks the signature. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ typ: "JWT", alg: "RS256", kid: "k1" })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe("inspectAdminToken", () => {
  it("reads subject, space-separated scopes and expiry of a JFrog admin token", () => {
    const token = jwt({
      sub: "jfac@01h/users/admin",
      scp: "applied-permissions/admin applied-permissions/user",
      aud: "*@*",
      iss: "jfac@01h",
      exp: seconds(now) + 90 * day,
      iat: seconds(now),
    });
    expect(inspectAdminToken(token, now)).toEqual({
      isJwt: true,
      subject: "jfac@01h/users/admin",
      scopes: ["applied-permissions/admin", "applied-permissions/user"],
      expiresAt: new Date(now.getTime() + 90 * day * 1000),
      expired: false,
      expiresSoon: false,
      hasAdminScope: true,
    });
  });

  it("flags a token expiring within 14 days", () => {
    const info = inspectAdminToken(
      jwt({ exp: seconds(now) + 13 * day, scp: "applied-permissions/user" }),
      now,
    );
    expect(info).toMatchObject({ expired: false, expiresSoon: true, hasAdminScope: false });
  });

  it("flags an expired token", () => {
    const info = inspectAdminToken(jwt({ exp: seconds(now) - 1 }), now);
    expect(info).toMatchObject({ expired: true, expiresSoon: false, scopes: [] });
  });

  it("treats a token without exp as not expiring, and accepts an scp array", () => {
    const info = inspectAdminToken(jwt({ scp: ["applied-permissions/admin", 7] }), now);
    expect(info).toMatchObject({
      expiresAt: undefined,
      expired: false,
      expiresSoon: false,
      hasAdminScope: true,
    });
  });

  it("does not throw on reference tokens or garbage", () => {
    const notJwt = { isJwt: false, scopes: [], expired: false, expiresSoon: false };
    expect(inspectAdminToken("cmVmdGtuOjAxOjE3MzQ1Njc4OTA6YWJjZGVm", now)).toEqual(notJwt);
    expect(inspectAdminToken("a.b.c", now)).toEqual(notJwt);
    expect(inspectAdminToken("", now)).toEqual(notJwt);
  });
});
