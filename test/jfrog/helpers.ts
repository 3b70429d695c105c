/** Shared setup for the JFrog client tests: a client with an instant, recorded sleep, and a strict nock scope. */
import nock from "nock";
import { vi } from "vitest";
import { JFrogClient, type JFrogClientOptions } from "../../src/jfrog/client.js";

export const BASE = "https://acme.jfrog.io";
export const API = "/access/api/v1";
/** Distinctive, so a leak anywhere is easy to spot. */
export const TOKEN = "eyJ0eXAi.TOKEN-SHOULD-NEVER-LEAK-7f3a9c.sig";

export function makeClient(options: Partial<JFrogClientOptions> = {}) {
  const sleep = vi.fn(async (_ms: number) => {});
  const client = new JFrogClient({
    baseUrl: BASE,
    token: TOKEN,
    retry: { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 },
    sleep,
    ...options,
  });
  return { client, sleep };
}

/**
 * A body as JSON.stringify puts it on the wire, typed for nock's matcher (whose index signature our wire
 * interfaces lack). nock then deep-compares it with what the client sent.
 */
export function wire(value: object): nock.DataMatcherMap {
  return JSON.parse(JSON.stringify(value));
}

/** Every request must carry the bearer token; `json` requests must also declare their JSON body. */
export function jfrog(kind: "json" | "no-body" = "no-body") {
  return kind === "json"
    ? nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" } })
    : nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` }, badheaders: ["content-type"] });
}
