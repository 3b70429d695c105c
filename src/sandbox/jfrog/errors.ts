/** JFrog's error shape: `{"errors":[{"code":"BAD_REQUEST","message":"…"}]}` (shared/reference/jfrog-access-oidc.md). */
import type { JFrogErrorBody } from "../../jfrog/types.js";
import type { HttpResponse } from "../shared/http.js";

const CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

const REASONS: Record<number, string> = {
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

export function jfrogErrorBody(status: number, message?: string): JFrogErrorBody {
  return {
    errors: [
      { code: CODES[status] ?? `HTTP_${status}`, message: message ?? REASONS[status] ?? `HTTP ${status}` },
    ],
  };
}

export function jfrogError(status: number, message: string, headers?: Record<string, string>): HttpResponse {
  return { status, body: jfrogErrorBody(status, message), ...(headers && { headers }) };
}
