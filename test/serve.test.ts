/**
 * The production webhook server, built from checked settings: it verifies deliveries with the operator's secret
 * (never Probot's public default "development"), answers the health check, and listens where HOST says.
 */
import type { Server } from "probot";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { signatures } from "../src/sandbox/github/webhooks/signature.js";
import { serve } from "../src/serve.js";
import { loadSettings } from "../src/settings.js";
import { appKeyPair } from "./support/app-key.js";

const SECRET = "0123456789abcdef0123";
const { privateKey } = appKeyPair();

let server: Server | undefined;
afterAll(async () => {
  await server?.stop();
});

async function started(received: string[]) {
  const { settings } = loadSettings({
    APP_ID: "123456",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    JFROG_URL: "https://acme.jfrog.io",
    JFROG_ACCESS_TOKEN: "reference-token-123",
    HOST: "127.0.0.1",
  });
  const log = await createLogger({ level: "fatal", secrets: [], destination: { write: () => {} } });
  // Port 0: the system picks a free one (settings accept 1-65535 from an operator; tests never fix a port).
  server = await serve(
    (app) => app.on("repository", async (context) => void received.push(context.name)),
    { ...settings, server: { ...settings.server, port: 0 } },
    log,
  );
  return `http://127.0.0.1:${server.port}`;
}

function deliver(url: string, secret: string) {
  const body = JSON.stringify({ action: "created", repository: { id: 1 }, installation: { id: 1 } });
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "repository",
      "x-github-delivery": "d-1",
      "x-hub-signature-256": signatures(secret, body).sha256,
    },
    body,
  });
}

describe("the webhook server", () => {
  it("answers the health check, accepts deliveries signed with WEBHOOK_SECRET, refuses the default secret", async () => {
    const received: string[] = [];
    const url = await started(received);
    expect(await (await fetch(`${url}/ping`)).text()).toBe("PONG");
    expect((await deliver(url, "development")).status).toBe(400);
    expect(received).toEqual([]);
    expect((await deliver(url, SECRET)).status).toBe(200);
    expect(received).toEqual(["repository"]);
  });
});
