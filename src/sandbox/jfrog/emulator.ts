/**
 * A stateful JFrog Access emulator on 127.0.0.1 (OIDC integrations, identity mappings, token exchange) with
 * request recording and fault injection, for tests, benchmarks and the sandbox demo.
 */
import type { IncomingMessage } from "node:http";
import type { JWTPayload } from "jose";
import type { IdentityMapping } from "../../jfrog/types.js";
import { type FaultControl, Faults } from "../shared/faults.js";
import { createFrontDoor } from "../shared/front-door.js";
import { type HttpResponse, MAX_BODY_BYTES, readJsonBody } from "../shared/http.js";
import { type AnswerListener, RequestLog, type RequestRecord } from "../shared/request-log.js";
import { createRouter } from "../shared/router.js";
import { startHttpServer } from "../shared/server.js";
import { createAccessTokens } from "./access-token.js";
import { checkAdmin } from "./auth.js";
import { jfrogError, jfrogErrorBody } from "./errors.js";
import type { Route } from "./handler.js";
import { buildRoutes } from "./routes.js";
import { Store } from "./store.js";
import type { StoredIntegration } from "./validate-integration.js";

export interface JFrogEmulatorOptions {
  /** The only bearer token the management API accepts. */
  adminToken: string;
  /** Clock for ID-token expiry and issued access tokens. */
  now?: () => Date;
  /** Used to fetch the OIDC issuer's discovery document and JWKS. */
  fetchImpl?: typeof fetch;
}

export interface EmulatorState {
  readonly integrations: ReadonlyArray<Readonly<StoredIntegration>>;
  /** Every mapping; each carries its `provider_name`, and `project_key` when project-scoped. */
  readonly mappings: ReadonlyArray<Readonly<IdentityMapping>>;
}

export interface JFrogEmulator {
  /** `http://127.0.0.1:<port>`: the `JF_URL`; the API lives under `/access/api/v1`. */
  readonly url: string;
  /** A deep-frozen snapshot taken on each read. */
  readonly state: EmulatorState;
  /** Requests in arrival order of their answers, with the JSON bodies read (never headers, nor an ID token). */
  readonly requests: readonly RequestRecord[];
  /** See RequestLog.onAnswer: told of each answer before the client reads it; returns the unsubscribe. */
  onAnswer(listener: AnswerListener): () => void;
  /** How many requests were answered so far (without copying them). */
  readonly requestCount: number;
  readonly faults: FaultControl;
  /** Verifies an access token this emulator issued and returns its claims. */
  verifyAccessToken(token: string): Promise<JWTPayload>;
  /** Forgets integrations, mappings, recorded requests and faults. */
  reset(): void;
  close(): Promise<void>;
}

const TOKEN_EXCHANGE_PATH = "/access/api/v1/oidc/token";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export async function startJFrogEmulator(options: JFrogEmulatorOptions): Promise<JFrogEmulator> {
  if (!options.adminToken) throw new TypeError("startJFrogEmulator: adminToken must not be empty");
  const now = options.now ?? (() => new Date());
  const store = new Store();
  const faults = new Faults();
  const log = new RequestLog();
  const tokens = await createAccessTokens(now);
  const route = createRouter(buildRoutes({ store, tokens, now, fetchImpl: options.fetchImpl ?? fetch }));
  const closing = new AbortController();

  async function handle(req: IncomingMessage, method: string, url: URL): Promise<HttpResponse> {
    const match = route(method, url.pathname);
    if (match.kind === "not-found") return jfrogError(404, `No such endpoint: ${method} ${url.pathname}`);
    if (match.kind === "method-not-allowed") {
      return jfrogError(405, `Method ${method} is not allowed on ${url.pathname}`, {
        allow: match.allow.join(", "),
      });
    }
    const spec: Route = match.handler;
    if (spec.auth) {
      const auth = checkAdmin(req.headers.authorization, options.adminToken);
      if (auth === "missing")
        return jfrogError(401, "Authentication required: send Authorization: Bearer <admin token>");
      if (auth === "invalid") return jfrogError(401, "Bad credentials: the bearer token is not valid");
    }
    let body: unknown;
    if (spec.jsonBody) {
      const read = await readJsonBody(req);
      if (!read.ok)
        return read.reason === "too-large"
          ? jfrogError(413, `Request body exceeds ${MAX_BODY_BYTES} bytes`)
          : jfrogError(400, read.message);
      body = read.value;
    }
    return spec.handle({ params: match.params, query: url.searchParams, body });
  }

  const server = await startHttpServer(
    createFrontDoor({
      faults,
      log,
      closing: closing.signal,
      faultBody: jfrogErrorBody,
      serverError: (error) => jfrogError(500, `Emulator error: ${error.message}`),
      handle,
      // The token exchange's body is a workflow's ID token: a credential, never kept.
      recordBody: (_method, path) => path !== TOKEN_EXCHANGE_PATH,
    }),
  );
  return {
    url: server.url,
    get state() {
      return deepFreeze(
        structuredClone({ integrations: store.listIntegrations(), mappings: store.allMappings() }),
      );
    },
    get requests() {
      return log.records;
    },
    onAnswer: (listener) => log.onAnswer(listener),
    get requestCount() {
      return log.count;
    },
    faults: faults.control,
    verifyAccessToken: (token) => tokens.verify(token),
    reset() {
      store.clear();
      log.clear();
      faults.clear();
    },
    close() {
      closing.abort();
      return server.close();
    },
  };
}
