/** A problem the person running the CLI can fix: printed as is on stderr, exit code 1, no stack trace. */
export class CliError extends Error {
  override name = "CliError";
}
