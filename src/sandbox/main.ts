/**
 * `npm run sandbox`: the whole story on loopback in a few seconds, with no GitHub organization, GitHub App or
 * JFrog Platform. Starts the GitHub and JFrog emulators, the GitHub Actions OIDC issuer and the REAL app, tells
 * the story (story/story.ts) and exits 0 only when every step behaved as expected; otherwise non-zero, naming the
 * step. `--keep` leaves everything running and prints URLs and ready curl commands; `--verbose` shows the app's
 * own log.
 */
import { printKeep } from "./story/keep.js";
import { Report } from "./story/report.js";
import { tellStory } from "./story/story.js";
import { startWorld, type World } from "./world.js";

const USAGE = "usage: npm run sandbox [-- --keep] [-- --verbose]";

function options(argv: string[]): { keep: boolean; verbose: boolean } | undefined {
  const known = new Set(["--keep", "--verbose"]);
  if (argv.some((a) => !known.has(a))) return undefined;
  return { keep: argv.includes("--keep"), verbose: argv.includes("--verbose") };
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  if (!opts) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const report = new Report(process.stdout);
  const started = performance.now();
  report.line(
    "JFrog OIDC rollout: local sandbox (GitHub and JFrog emulated on 127.0.0.1, the app is the real one)",
  );
  let world: World | undefined;
  try {
    world = await startWorld({
      logLevel: opts.verbose ? "info" : "debug",
      // Without --verbose the app's log stays in memory: its warnings are shown only when a step fails.
      ...(opts.verbose && { logDestination: "stdout" as const }),
      retryDelaysMs: [100, 500],
    });
    if (opts.verbose)
      report.line(
        report.dim("(--verbose: the app's log lines appear as they happen, above the step they belong to)"),
      );
    await tellStory(world, report);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (report.failed) {
      const problems = world.logs.filter((l) => /"level":(40|50|60)/.test(l)).slice(-10);
      if (problems.length > 0) {
        report.heading("The app's last warnings and errors");
        for (const line of problems) report.detail(line, 2);
      }
      report.line();
      report.line(`FAILED at step ${report.failed.step}: ${report.failed.title}`);
      return 1;
    }
    report.line();
    report.line(`Every step behaved as expected (${seconds} s).`);
    if (opts.keep) {
      await printKeep(world, report);
      await waitForSignal();
    }
    return 0;
  } finally {
    await world?.close();
  }
}

process.exitCode = await main();
