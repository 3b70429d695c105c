/**
 * Counts failed GitHub and JFrog requests by status for `upstream_errors_total`, at the one place each client
 * enters the engine (the composition root), so no reconcile step has to know about metrics.
 */
import type { ProbotOctokit } from "probot";
import { httpStatus } from "../github/rest.js";
import { JFrogError } from "../jfrog/errors.js";
import type { Metrics } from "./metrics.js";

/** Octokit's error hook sees every failed request (after its own retries), then rethrows it unchanged. */
export function countingGitHubErrors(octokit: ProbotOctokit, metrics: Metrics): ProbotOctokit {
  octokit.hook.error("request", (error) => {
    metrics.githubError(httpStatus(error));
    throw error;
  });
  return octokit;
}

/** The same JFrog client, each method's JFrogError counted by its status (none: the network failed). */
export function countingJFrogErrors<T extends object>(jfrog: T, metrics: Metrics): T {
  return new Proxy(jfrog, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const counted = (error: unknown) => {
          if (error instanceof JFrogError) metrics.jfrogError(error.status);
          throw error;
        };
        try {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise ? result.catch(counted) : result;
        } catch (error) {
          return counted(error);
        }
      };
    },
  });
}
