/**
 * The app's pino logger, with Probot's formatting (LOG_FORMAT, LOG_LEVEL) and two layers against leaking secrets:
 * 1. pino `redact` for the fields where credentials live (authorization headers, tokens, keys);
 * 2. a last look at every serialized line that replaces the operator's known secret values and anything shaped
 *    like a GitHub token or a bearer credential, whatever field it hid in.
 */
import { getTransformStream } from "@probot/pino";
import pino, { type DestinationStream, type Logger } from "pino";

/** The slice of pino a job uses; Probot's `context.log` (which carries the delivery id) fits it. */
export type JobLogger = Pick<Logger, "debug" | "info" | "warn" | "error">;

export const REDACTED = "[redacted]";

const REDACT_PATHS = [
  "token",
  "*.token",
  "jfrogToken",
  "*.jfrogToken",
  "privateKey",
  "*.privateKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "*.*.headers.authorization",
  "access_token",
  "*.access_token",
  "subject_token",
  "*.subject_token",
];

/** GitHub token prefixes (ghs_ installation, ghp_ personal, gho_/ghu_/ghr_) and `Bearer …`/`token …` headers. */
const TOKEN_SHAPES = /\b(gh[pousr]_[A-Za-z0-9_]{16,})|\b(Bearer|token)\s+[A-Za-z0-9._~+/=-]{16,}/g;

export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  return out.replace(TOKEN_SHAPES, (_match, _gh, scheme) => (scheme ? `${scheme} ${REDACTED}` : REDACTED));
}

/**
 * The values the logger must never write. More can be added while it runs: a rotated JFrog token
 * (settings/token-file.ts) is a secret from the moment it is read, and the old one stays one until it is revoked.
 */
export class SecretValues {
  readonly #forms: string[] = [];

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value);
  }

  add(value: string): void {
    // JSON-escaping may turn a multi-line PEM key into `\n` sequences: match that form too.
    for (const form of [value, JSON.stringify(value).slice(1, -1)])
      if (!this.#forms.includes(form)) this.#forms.push(form);
  }

  /** Every value in the forms a log line may hold it in. */
  get forms(): readonly string[] {
    return this.#forms;
  }
}

export interface LoggerOptions {
  level?: string;
  logFormat?: "json" | "pretty";
  logLevelInString?: boolean;
  /** Values that must never be written: the JFrog token, the private key, the webhook secret. */
  secrets: readonly string[] | SecretValues;
  /** Where lines go; defaults to Probot's formatting stream on stdout. */
  destination?: DestinationStream;
}

export async function createLogger(options: LoggerOptions): Promise<Logger> {
  let destination = options.destination;
  if (!destination) {
    const transform = await getTransformStream({
      logFormat: options.logFormat,
      logLevelInString: options.logLevelInString,
    });
    // SonicBoom is a writable stream; its typings just don't say so (Probot's own getLog does the same).
    transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
    destination = transform;
  }
  const secrets =
    options.secrets instanceof SecretValues ? options.secrets : new SecretValues(options.secrets);
  return pino(
    {
      level: options.level ?? "info",
      name: "jfrog-oidc-rollout",
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets.forms) },
    },
    destination,
  );
}
