import type { Logger } from "probot";

/** The slice of pino a job uses; Probot's `context.log` (which carries the delivery id) fits it. */
export type JobLogger = Pick<Logger, "debug" | "info" | "warn" | "error">;
