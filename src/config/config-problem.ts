/** A problem found in a config file, said so an admin can fix it: which file, which field, why. */
import type { z } from "zod";

export interface ConfigProblem {
  /** e.g. `acme/.github:.github/jfrog-oidc.yml`. */
  file: string;
  /** Dotted path of the field, or `(file)` when the file as a whole is wrong. */
  field: string;
  message: string;
}

export function problemsFromZod(file: string, error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length ? issue.path.join(".") : "(file)",
    message: issue.code === "unrecognized_keys" ? `unknown key(s): ${issue.keys.join(", ")}` : issue.message,
  }));
}

export function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}
