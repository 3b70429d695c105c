/** The onboarding PR as the planner describes it and the GitHub writes carry it out (onboarding-pull-request.ts). */

export interface PullRequestSpec {
  branch: string;
  base: { name: string; oid: string };
  /** Head of the onboarding branch when it already exists (a commit goes on top of it). */
  branchOid: string | null;
  /** Whether the branch already holds exactly this file content (no commit needed). */
  branchUpToDate: boolean;
  path: string;
  content: string;
  commitMessage: string;
  title: string;
  body: string;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  draft: boolean;
}

export interface PullRequestDecoration {
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
}
