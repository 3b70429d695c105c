/** What one read of GitHub tells us about a repository (see observe-repository.ts for the query). */

export type Visibility = "public" | "private" | "internal";

export interface PullRequestFacts {
  number: number;
  state: "OPEN" | "CLOSED" | "MERGED";
  url: string;
  labels: string[];
  /** Someone was asked to review, or reviewed: the policy's reviewers are not requested again. */
  hasReviewActivity: boolean;
}

export interface RepoFacts {
  /** Immutable ids: the mapping is pinned to these, not to names that can be re-used. */
  id: number;
  ownerId: number;
  owner: string;
  name: string;
  fullName: string;
  /** Null for an empty repository: there is no commit to branch from until the first push. */
  defaultBranch: { name: string; oid: string } | null;
  isArchived: boolean;
  isFork: boolean;
  visibility: Visibility;
  /** File names at the root of the default branch, for ecosystem detection. */
  rootFiles: string[];
  /** The generated workflow's path on the default branch: its text, or null when absent. */
  workflowOnDefault: string | null;
  /** The repository's own `.github/jfrog-oidc.yml` on the default branch, or null. */
  repoConfigText: string | null;
  /** Whether `/jfrog-oidc disable` recorded an opt-out (the repository has the opt-out label). */
  disabledByCommand: boolean;
  /** The app's onboarding branch, when it exists. */
  onboardingBranch: { oid: string; workflowText: string | null } | null;
  /** Pull requests from the onboarding branch, newest first. */
  pullRequests: PullRequestFacts[];
}
