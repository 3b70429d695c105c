/**
 * One check-run annotation as GitHub's API takes it (https://docs.github.com/rest/checks/runs#create-a-check-run):
 * columns only when the span is on one line; the message is plain text, not markdown.
 */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}
