/** A JobLogger that keeps its lines for assertions instead of printing them. */
import type { JobLogger } from "../../src/logger.js";

export interface RecordedLine {
  level: "debug" | "info" | "warn" | "error";
  fields: Record<string, unknown>;
  message: string;
}

export function quietLog(lines: RecordedLine[] = []): JobLogger & { lines: RecordedLine[] } {
  const at =
    (level: RecordedLine["level"]) =>
    (fields: unknown, message?: unknown): void => {
      if (typeof fields === "string") lines.push({ level, fields: {}, message: fields });
      else
        lines.push({
          level,
          fields: (fields ?? {}) as Record<string, unknown>,
          message: String(message ?? ""),
        });
    };
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  } as JobLogger & {
    lines: RecordedLine[];
  };
}
