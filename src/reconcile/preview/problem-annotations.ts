/**
 * Config problems as check-run annotations on the lines that write them. A check run can only annotate files of its
 * own repository: a problem in a base the policy `_extends` from another repository is listed in the summary only.
 * Annotation messages are plain text (GitHub renders no markdown in them).
 */
import type { ConfigProblem } from "../../config/config-problem.js";
import { locateProblem, type SourceText } from "../../config/problem-location.js";
import type { FileAt } from "../../config/read-repo-file.js";
import type { Annotation } from "../../github/check-annotation.js";
import type { RepoRef } from "../../github/rest.js";

const MESSAGE_MAX_CHARS = 2000;

export function problemAnnotations(
  problems: readonly ConfigProblem[],
  sources: readonly SourceText[],
  repo: RepoRef,
  level: Annotation["annotation_level"],
): Annotation[] {
  const inRepo = (at: FileAt) =>
    `${at.owner}/${at.repo}`.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase();
  return problems.flatMap((problem) => {
    const where = locateProblem(problem, sources);
    if (!where || !inRepo(where.at)) return [];
    return [
      {
        path: where.at.path,
        start_line: where.line,
        end_line: where.line,
        annotation_level: level,
        title: problem.field,
        message: problem.message.slice(0, MESSAGE_MAX_CHARS),
      },
    ];
  });
}
