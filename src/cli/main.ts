#!/usr/bin/env node
/** `npx jfrog-oidc-rollout plan --org NAME [--format table|json|terraform]` (see run-cli.ts). */
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
