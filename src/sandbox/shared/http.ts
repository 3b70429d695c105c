/**
 * HTTP plumbing shared by the sandbox emulators: handlers return a plain {@link HttpResponse} and one function
 * writes it, so every answer can be recorded before it leaves.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  /** Strings go out as-is (text/plain unless a content-type header says otherwise); anything else as JSON. */
  body?: unknown;
}

export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too-large" };

/**
 * Reads a request body, keeping at most `limitBytes`. Past the limit it keeps reading and discards: answering
 * before the client has finished sending makes the kernel reset the connection, and the client would see a
 * socket error instead of the 413. Past `limitBytes * 16` it gives up and destroys the request.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes * 16) {
        req.destroy(new Error("request body far over the limit"));
      } else if (size <= limitBytes) {
        chunks.push(chunk);
      }
    });
    req.on("end", () => {
      resolve(
        size > limitBytes
          ? { ok: false, reason: "too-large" }
          : { ok: true, text: Buffer.concat(chunks).toString("utf8") },
      );
    });
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("request aborted before its body ended"));
    });
  });
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Malformed JSON body: ${(error as Error).message}` };
  }
}

export function writeResponse(res: ServerResponse, response: HttpResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | undefined;
  if (typeof response.body === "string") {
    payload = response.body;
    headers["content-type"] ??= "text/plain; charset=utf-8";
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers["content-type"] ??= "application/json";
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
