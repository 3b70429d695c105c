/**
 * The daily JFrog token check on a manual clock, against JFrog at the network edge (nock): days pass in
 * microseconds, and each check really calls the client's access check.
 */
import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { DAY_MS, JFrogTokenWatch } from "../../src/ops/jfrog-token-watch.js";
import { Metrics } from "../../src/ops/metrics.js";
import { API, jfrog, makeClient } from "../jfrog/helpers.js";
import { ManualClock } from "../support/manual-clock.js";
import { parseExposition, sampleValue } from "../support/prometheus-text.js";
import { quietLog } from "../support/quiet-log.js";

/** An unsigned JWT shaped like a JFrog access token; decoding never checks the signature. */
function jwt(expiresAtMs: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = { sub: "jfac@01h/users/admin", scp: "applied-permissions/admin", exp: expiresAtMs / 1000 };
  return `${part({ typ: "JWT", alg: "RS256" })}.${part(claims)}.c2lnbmF0dXJl`;
}

let clock: ManualClock;
let metrics: Metrics;
let log: ReturnType<typeof quietLog>;
beforeEach(() => {
  clock = new ManualClock(Date.UTC(2026, 2, 1));
  metrics = new Metrics();
  log = quietLog();
});

function watch(token: () => string) {
  const { client } = makeClient();
  return new JFrogTokenWatch({ clock, token, checkAccess: () => client.checkAccess(), metrics, log });
}

async function metric(name: string): Promise<number | undefined> {
  return sampleValue(parseExposition(await metrics.scrape()), `jfrog_oidc_rollout_${name}`);
}

async function nextDay(w: JFrogTokenWatch): Promise<void> {
  clock.advance(DAY_MS);
  await w.lastCheck;
}

describe("JFrogTokenWatch", () => {
  it("re-checks daily and warns from 14 days before expiry, in the log and the metric", async () => {
    jfrog().get(`${API}/oidc`).times(3).reply(200, []);
    const token = jwt(clock.now() + 16 * DAY_MS);
    const w = watch(() => token);
    expect(await w.start()).toBe("valid");
    expect(await metric("jfrog_token_expiry_days")).toBe(16);
    await nextDay(w);
    expect(w.state).toBe("valid");
    expect(log.lines.filter((l) => l.level === "warn")).toEqual([]);
    await nextDay(w);
    expect(w.state).toBe("expires-soon");
    expect(await metric("jfrog_token_expiry_days")).toBe(14);
    expect(log.lines.filter((l) => l.level === "warn")).toMatchObject([
      { fields: { daysLeft: 14 }, message: expect.stringContaining("expires in 14 days") },
    ]);
    expect(w.writesStopped()).toBeUndefined();
    expect(nock.isDone()).toBe(true);
  });

  it("stops writes with one clear report once the token has expired, without asking JFrog", async () => {
    jfrog().get(`${API}/oidc`).reply(200, []);
    const expiresAt = clock.now() + DAY_MS / 2;
    const w = watch(() => jwt(expiresAt));
    await w.start();
    await nextDay(w);
    await nextDay(w);
    expect(w.state).toBe("expired");
    expect(w.writesStopped()?.report).toBe(
      "Writes are stopped: the JFrog admin token expired on 2026-03-01T12:00:00.000Z. To resume, create a new " +
        "JFrog admin (or project admin) access token and set it in JFROG_ACCESS_TOKEN or the file " +
        "JFROG_ACCESS_TOKEN_FILE names (README: Operations › Rotating the JFrog token).",
    );
    expect(await metric("writes_stopped")).toBe(1);
    expect(await metric("jfrog_token_expiry_days")).toBe(0);
    expect(log.lines.filter((l) => l.level === "error")).toHaveLength(1);
    // JFrog was not asked once the token had expired (nock would have refused the request: a warning).
    expect(log.lines.map((l) => l.message)).not.toContain(
      "JFrog token check could not reach JFrog; will check again",
    );
    expect(log.lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      expect.stringContaining("the JFrog admin token expires in less than a day"),
    ]);
  });

  it("stops writes when JFrog rejects the token (revoked), and resumes once a rotated token is accepted", async () => {
    let token = "reference-token-without-expiry";
    const w = watch(() => token);
    jfrog()
      .get(`${API}/oidc`)
      .reply(401, { errors: [{ code: "UNAUTHORIZED", message: "Bad credentials" }] });
    expect(await w.start()).toBe("rejected");
    expect(w.writesStopped()?.report).toContain("the JFrog admin token was rejected (401)");
    expect(await metric("jfrog_token_expiry_days")).toBeNaN(); // a reference token does not say

    token = "rotated-reference-token";
    jfrog().get(`${API}/oidc`).reply(200, []);
    await nextDay(w);
    expect(w.state).toBe("valid");
    expect(w.writesStopped()).toBeUndefined();
    expect(await metric("writes_stopped")).toBe(0);
    expect(log.lines.map((l) => l.message)).toContain(
      "the JFrog admin token is accepted again: writes resume",
    );
  });

  it("does not stop writes while JFrog is merely unavailable", async () => {
    jfrog().get(`${API}/oidc`).reply(200, []);
    jfrog().get(`${API}/oidc`).times(4).reply(503, "Service Unavailable");
    const token = jwt(clock.now() + 90 * DAY_MS);
    const w = watch(() => token);
    await w.start();
    await nextDay(w);
    expect(w.state).toBe("valid");
    expect(w.writesStopped()).toBeUndefined();
    expect(log.lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      "JFrog token check could not reach JFrog; will check again",
    ]);
  });
});
