/**
 * Per-repository request accounting: every request that named a repository, the content-generating ones the
 * secondary limit admitted, and the ones it refused. Benchmarks read it to compare strategies; tests to prove
 * "nothing was written".
 */
import { fullName } from "./state/model.js";
import type { GitHubStore } from "./state/store.js";
export interface RepoUsage {
  requests: number;
  contentRequests: number;
  rateLimited: number;
}

export class Usage {
  readonly #byRepo = new Map<string, RepoUsage>();

  count(repository: string, what: keyof RepoUsage): void {
    const usage = this.#byRepo.get(repository) ?? { requests: 0, contentRequests: 0, rateLimited: 0 };
    usage[what] += 1;
    this.#byRepo.set(repository, usage);
  }

  /** A copy keyed by `owner/name`. */
  snapshot(): Record<string, RepoUsage> {
    return Object.fromEntries([...this.#byRepo].map(([repo, usage]) => [repo, { ...usage }]));
  }
}

/** The key a request naming `owner/name` counts under: GitHub's spelling of the repository, else the name lower-cased. */
export function usageKey(store: GitHubStore, owner: string, name: string): string {
  const repo = store.repo(owner, name);
  return repo ? fullName(repo) : `${owner}/${name}`.toLowerCase();
}
