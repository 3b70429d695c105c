/**
 * Probot's Octokit with its throttling plugin made to agree with the content budget (rollout/memory-budget.ts).
 *
 * The budget schedules writes: a job reserves its writes before its first one, and a rate-limit answer defers the
 * job on the rollout's clock (no concurrency slot held, no attempt spent). So the plugin must never sleep and
 * retry a rate-limited request itself: both handlers return false and the error reaches the worker. Probot's own
 * handler would retry a primary limit twice in-process, holding a job slot for up to an hour.
 *
 * Kept from the plugin: its request smoothing (one write a second, three seconds between PRs/comments, per process),
 * GitHub's advice for mutative requests. At the budget's pace (about one write every 7.5 s per installation) it
 * never delays the budget; it only spreads a burst the budget granted inside one minute.
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#pause-between-mutative-requests
 */
import { ProbotOctokit } from "probot";

type Warn = { warn?: (message: string) => void };

/**
 * `smoothing: false` (a budget window scaled down for tests, GITHUB_WRITES_WINDOW) turns the plugin off: its
 * one-write-a-second pacing is in real seconds and would stretch a scaled rollout back to real time. Rate-limit
 * answers then reach the worker directly, as they do with the handlers above.
 */
export function probotOctokit(options: { smoothing?: boolean } = {}): typeof ProbotOctokit {
  if (options.smoothing === false)
    return ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({
      ...defaults,
      throttle: { enabled: false },
    }));
  // Probot merges its own throttle options in after plain defaults; a function has the last word.
  return ProbotOctokit.defaults((options: Record<string, unknown>) => {
    const log = options.log as Warn | undefined;
    const refuse = (kind: string) => (retryAfter: number, request: { method?: string; url?: string }) => {
      log?.warn?.(
        `${kind} for ${request.method} ${request.url}: the job waits ${retryAfter} s on the budget's clock`,
      );
      return false;
    };
    return {
      ...options,
      throttle: {
        ...(options.throttle as object | undefined),
        onRateLimit: refuse("GitHub rate limit"),
        onSecondaryRateLimit: refuse("GitHub secondary rate limit"),
      },
    };
  });
}
