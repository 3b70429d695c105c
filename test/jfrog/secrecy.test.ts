/** The admin token must never surface in an error, however the call fails. */
import { inspect } from "node:util";
import nock from "nock";
import { afterEach, expect, it } from "vitest";
import { JFrogClient } from "../../src/jfrog/client.js";
import { JFrogError, type JFrogErrorKind } from "../../src/jfrog/errors.js";
import type { IdentityMapping } from "../../src/jfrog/types.js";
import { API, BASE, jfrog, makeClient, TOKEN } from "./helpers.js";

const MAPPINGS = `${API}/oidc/github-acme/identity_mappings`;
const mapping: IdentityMapping = { name: "gh-o5-r74", claims: { repository_id: "74" }, token_spec: {} };
// A misbehaving server or proxy that echoes the Authorization header back.
const echo = `Authorization: Bearer ${TOKEN}`;

afterEach(() => {
  expect(nock.isDone()).toBe(true);
});

function expectNoToken(error: unknown) {
  expect(error).toBeInstanceOf(JFrogError);
  const e = error as JFrogError;
  for (const text of [
    JSON.stringify(e),
    e.message,
    String(e.cause),
    e.stack ?? "",
    inspect(e, { depth: 5 }),
  ]) {
    expect(text).not.toContain(TOKEN);
  }
}

const cases: Array<{ kind: JFrogErrorKind; title: string; arrange: () => void; timeoutMs?: number }> = [
  {
    kind: "auth",
    title: "401 echoing the token",
    arrange: () => jfrog().get(`${API}/oidc`).reply(401, echo),
  },
  {
    kind: "not-found",
    title: "404 on update",
    arrange: () =>
      jfrog("json")
        .put(`${MAPPINGS}/gh-o5-r74`)
        .reply(404, { errors: [{ code: "NOT_FOUND", message: echo }] }),
  },
  {
    kind: "conflict",
    title: "409 on create",
    arrange: () => jfrog("json").post(MAPPINGS).reply(409, `exists; ${echo}`),
  },
  {
    kind: "validation",
    title: "400 on create",
    arrange: () => jfrog("json").post(MAPPINGS).reply(400, echo),
  },
  {
    kind: "unavailable",
    title: "503 every time",
    arrange: () => jfrog().get(`${API}/oidc`).times(2).reply(503, echo),
  },
  {
    kind: "unavailable",
    title: "network error quoting the header",
    arrange: () =>
      jfrog().get(`${API}/oidc`).times(2).replyWithError(`invalid header value "Bearer ${TOKEN}"`),
  },
  {
    kind: "unavailable",
    title: "timeout",
    timeoutMs: 20,
    arrange: () => jfrog().get(`${API}/oidc`).times(2).delay(300).reply(200, []),
  },
];

it.each(cases)("$kind ($title) never carries the token", async ({ kind, arrange, timeoutMs }) => {
  arrange();
  const { client } = makeClient({ retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs });
  const call =
    kind === "not-found"
      ? client.updateMapping("github-acme", mapping)
      : kind === "conflict" || kind === "validation"
        ? client.createMapping("github-acme", mapping)
        : client.checkAccess();
  const error = await call.catch((e: unknown) => e);
  expect(error).toMatchObject({ kind });
  expectNoToken(error);
});

it("redacts an echoed token rather than dropping JFrog's message", async () => {
  jfrog().get(`${API}/oidc`).reply(401, echo);
  const error = await makeClient()
    .client.checkAccess()
    .catch((e: unknown) => e);
  expect((error as JFrogError).jfrogMessage).toBe("Authorization: Bearer [redacted]");
});

it("keeps the token out of the client's own serialisations", () => {
  const { client } = makeClient();
  expect(JSON.stringify(client)).not.toContain(TOKEN);
  expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(TOKEN);
});

it("rejects unusable tokens and base URLs without echoing them", () => {
  expect(() => new JFrogClient({ baseUrl: BASE, token: "two words" })).toThrow(
    "JFrog token is empty or contains whitespace",
  );
  expect(() => new JFrogClient({ baseUrl: `https://admin:${TOKEN}@acme.jfrog.io`, token: TOKEN })).toThrow(
    /^JFrog base URL must look like/,
  );
});

it("trims a trailing newline from the token", async () => {
  jfrog().get(`${API}/oidc`).reply(200, []);
  await new JFrogClient({ baseUrl: `${BASE}/`, token: `${TOKEN}\n` }).checkAccess();
});
