/**
 * The app's own bot account (`<slug>[bot]`, the author of everything the app writes), read once with the app's
 * JWT (`GET /app`, https://docs.github.com/rest/apps/apps#get-the-authenticated-app) and remembered. Handlers use
 * it to recognise the app's own pull requests without queueing a job that would read anything.
 * A failed read is not remembered (the next call asks again) and answers undefined: callers then do the work
 * they would do for anyone else.
 */
import type { ProbotOctokit } from "probot";

export function ownBotLogin(appClient: () => Promise<ProbotOctokit>): () => Promise<string | undefined> {
  let known: Promise<string> | undefined;
  return async () => {
    known ??= appClient()
      .then((octokit) => octokit.request("GET /app"))
      .then(({ data }) => {
        if (!data?.slug) throw new Error("GET /app named no slug");
        return `${data.slug}[bot]`;
      });
    try {
      return await known;
    } catch {
      known = undefined;
      return undefined;
    }
  };
}
