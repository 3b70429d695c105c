/**
 * A load balancer that duplicates: every delivery GitHub sends reaches every replica, byte for byte (the signature
 * covers the body), as when deliveries are load-balanced and redelivered. Used where the scale-out is put to the
 * test (the e2e replicas, the chaos suite's processes).
 */
import type { IncomingMessage } from "node:http";
import { startHttpServer } from "../../src/sandbox/shared/server.js";

export interface FanOutOptions {
  /** The webhook URLs to forward to, read at each delivery (replicas come and go). */
  targets(): readonly string[];
  /** GitHub's answer from the replicas' statuses (a replica that could not be reached counts as 502). */
  answer(statuses: readonly number[]): number;
}

export async function startWebhookFanOut(
  options: FanOutOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  return startHttpServer(async (req, res) => {
    const body = await readRaw(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === "string" && (entry[0].startsWith("x-") || entry[0] === "content-type"),
      ),
    );
    const statuses = await Promise.all(
      options.targets().map((url) =>
        fetch(url, { method: "POST", headers, body: new Uint8Array(body) }).then(
          (a) => a.status,
          () => 502,
        ),
      ),
    );
    res.writeHead(options.answer(statuses)).end();
  });
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
