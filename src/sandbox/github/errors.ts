/**
 * GitHub's REST error shape: `{"message": "...", "documentation_url": "...", "status": "404"}`, with `errors` for
 * validation failures (https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api).
 */
import type { HttpResponse } from "../shared/http.js";

export const REST_DOCS = "https://docs.github.com/rest";

export interface FieldError {
  resource?: string;
  field?: string;
  code: string;
  message?: string;
}

function githubErrorBody(status: number, message: string, docs = REST_DOCS, errors?: FieldError[]) {
  return { message, ...(errors && { errors }), documentation_url: docs, status: String(status) };
}

export function githubError(
  status: number,
  message: string,
  options: { docs?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
): HttpResponse {
  return {
    status,
    body: githubErrorBody(status, message, options.docs, options.errors),
    ...(options.headers && { headers: options.headers }),
  };
}

/** The error body a fault answers with when the test gives none. */
export function faultErrorBody(status: number) {
  const messages: Record<number, string> = {
    429: "API rate limit exceeded",
    500: "Server Error",
    502: "Server Error",
    503: "Service Unavailable",
    504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request.",
  };
  return githubErrorBody(status, messages[status] ?? `HTTP ${status}`);
}

export const notFound = (docs?: string) => githubError(404, "Not Found", { docs });

/** A field missing from a request body, in GitHub's words. */
export const missingField = (field: string, docs?: string) =>
  githubError(422, `Invalid request.\n\n"${field}" wasn't supplied.`, { docs });

export const wrongType = (field: string, value: unknown, type: string, docs?: string) =>
  githubError(
    422,
    `Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(value)} is not ${type}.`,
    {
      docs,
    },
  );

export const validationFailed = (errors: FieldError[], docs?: string) =>
  githubError(422, "Validation Failed", { docs, errors });

export const notAccessible = (docs?: string) =>
  githubError(403, "Resource not accessible by integration", { docs });

/** What GitHub says when a token without `workflows` permission touches `.github/workflows/`. */
export function workflowRefusal(path: string): string {
  return `refusing to allow a GitHub App to create or update workflow \`${path}\` without \`workflows\` permission`;
}

export const SECONDARY_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit and have been temporarily blocked from content creation. " +
  "Please retry your request again later.";
export const SECONDARY_LIMIT_DOCS =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
