/**
 * Where the webhook server listens and how it logs. Probot reads these too, but silently ignores a PORT that is not
 * a number and lets pino crash on an unknown LOG_LEVEL: here each is checked and named.
 */
import { parseBoolean, parseChoice, setting } from "./variables.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerSettings {
  port: number;
  /** Unset: Probot's default, this machine only. A container needs `0.0.0.0` (the Dockerfile sets it). */
  host?: string;
  webhookPath?: string;
  /** A smee.io-style proxy for local development. */
  webhookProxy?: string;
  /** GitHub's REST API: github.com's, or `<GHE_PROTOCOL>://<GHE_HOST>/api/v3` for GitHub Enterprise Server. */
  githubApiUrl: string;
}

export interface LogSettings {
  level: LogLevel;
  format: "json" | "pretty";
  levelInString: boolean;
}

export const serverSetting = setting(
  ["PORT", "HOST", "WEBHOOK_PATH", "WEBHOOK_PROXY_URL", "GHE_HOST", "GHE_PROTOCOL"],
  (values, report): ServerSettings => {
    const port = Number(values.PORT ?? 3000);
    // 0: any free port, which the "Listening on" log line names (tests start the app as a process this way).
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      report("PORT", `must be a port number from 0 to 65535 (got "${values.PORT}"), e.g. PORT=3000`);
    if (values.HOST && /[\s/]/.test(values.HOST))
      report("HOST", `must be an address to listen on (got "${values.HOST}"), e.g. HOST=0.0.0.0`);
    if (values.WEBHOOK_PATH && !values.WEBHOOK_PATH.startsWith("/"))
      report(
        "WEBHOOK_PATH",
        `must start with / (got "${values.WEBHOOK_PATH}"), e.g. WEBHOOK_PATH=/api/github/webhooks`,
      );
    if (values.WEBHOOK_PROXY_URL && !URL.canParse(values.WEBHOOK_PROXY_URL))
      report("WEBHOOK_PROXY_URL", "must be a URL, e.g. WEBHOOK_PROXY_URL=https://smee.io/abc123");
    const protocol = parseChoice("GHE_PROTOCOL", values.GHE_PROTOCOL, ["https", "http"], "https", report);
    const host = values.GHE_HOST;
    if (host && !/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host))
      report(
        "GHE_HOST",
        `must be a host name without scheme or path (got "${host}"), e.g. GHE_HOST=github.example.com`,
      );
    return {
      port,
      ...(values.HOST && { host: values.HOST }),
      ...(values.WEBHOOK_PATH && { webhookPath: values.WEBHOOK_PATH }),
      ...(values.WEBHOOK_PROXY_URL && { webhookProxy: values.WEBHOOK_PROXY_URL }),
      githubApiUrl: host ? `${protocol}://${host}/api/v3` : "https://api.github.com",
    };
  },
);

export const logSetting = setting(
  ["LOG_LEVEL", "LOG_FORMAT", "LOG_LEVEL_IN_STRING", "NODE_ENV"],
  (values, report): LogSettings => ({
    level: parseChoice("LOG_LEVEL", values.LOG_LEVEL?.toLowerCase(), LOG_LEVELS, "info", report),
    // Probot's default: JSON in production, readable lines elsewhere.
    format: parseChoice(
      "LOG_FORMAT",
      values.LOG_FORMAT,
      ["json", "pretty"],
      values.NODE_ENV === "production" ? "json" : "pretty",
      report,
    ),
    levelInString: parseBoolean("LOG_LEVEL_IN_STRING", values.LOG_LEVEL_IN_STRING, report),
  }),
);

/** The level to build the logger with before the settings are checked (their problems are logged through it). */
export function logLevelOrDefault(raw: string | undefined): LogLevel {
  const level = raw?.trim().toLowerCase();
  return LOG_LEVELS.find((known) => known === level) ?? "info";
}
