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

/** The largest request body the emulators read (1 MiB); past it they answer 413 in their own shape. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function json(status: number, body?: unknown, headers?: Record<string, string>): HttpResponse {
  return { status, body, ...(headers && { headers }) };
}

const ORIGIN = "http://127.0.0.1";

/**
 * The request's path and query. The target is appended to the origin rather than resolved against it:
 * `new URL("//x/y", origin)` would read `x` as a host and `new URL("//", origin)` throws. A target no URL can
 * hold is answered as `/`, which no emulator serves.
 */
export function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? "/";
  try {
    return new URL(target.startsWith("/") ? `${ORIGIN}${target}` : target, ORIGIN);
  } catch {
    return new URL(ORIGIN);
  }
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

/** The JSON body each request turned out to carry, for the request log (see `bodyRead`). */
const bodies = new WeakMap<IncomingMessage, unknown>();

/** The JSON body a handler read from `req`, or undefined when it read none (or could not parse it). */
export function bodyRead(req: IncomingMessage): unknown {
  return bodies.get(req);
}

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; reason: "too-large" }
  | { ok: false; reason: "malformed"; message: string };

/**
 * A JSON request body of at most {@link MAX_BODY_BYTES}; each emulator words the failures its own way.
 * `emptyIsUndefined`: a blank body is no body (GitHub's REST API) rather than malformed JSON.
 */
export async function readJsonBody(
  req: IncomingMessage,
  { emptyIsUndefined = false } = {},
): Promise<JsonBody> {
  const read = await readBody(req, MAX_BODY_BYTES);
  if (!read.ok) return read;
  if (emptyIsUndefined && read.text.trim() === "") return { ok: true, value: undefined };
  const parsed = parseJson(read.text);
  if (!parsed.ok) return { ok: false, reason: "malformed", message: parsed.message };
  // A copy: a handler may keep and change what it parsed (a stored mapping), the log keeps what was sent.
  bodies.set(req, structuredClone(parsed.value));
  return parsed;
}

export type JsonObject = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
