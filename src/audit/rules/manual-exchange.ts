/**
 * A hand-written token exchange (`curl … /access/api/v1/oidc/token` with `ACTIONS_ID_TOKEN_REQUEST_*`): it works,
 * but the audience and provider it sends are invisible to the other rules and it tends to echo tokens into logs;
 * jfrog/setup-jfrog-cli does the same exchange and masks the result.
 */
import type { Finding } from "../finding.js";
import { EXCHANGE_PATH } from "../oidc-use.js";
import type { WorkflowModel } from "../workflow-model.js";
import { findingAt } from "./rule.js";

export const manualExchangeRule = (model: WorkflowModel): Finding[] =>
  model.jobs.flatMap((job) =>
    job.steps.flatMap((step) => {
      if (!step.run) return [];
      const [start = 0] = step.run.node.range ?? [];
      const raw = model.source.text.slice(start, step.run.node.range?.[1] ?? start);
      const match = EXCHANGE_PATH.exec(raw);
      if (!match) return [];
      const at = start + match.index;
      return [
        findingAt(
          model,
          "manual-exchange",
          "notice",
          { start: at, end: at + match[0].length },
          {
            message: `Job \`${job.id}\` exchanges its OIDC token for a JFrog token by hand.`,
            fix: "Use jfrog/setup-jfrog-cli with `oidc-provider-name` and `oidc-audience`: it does the exchange and masks the token.",
          },
        ),
      ];
    }),
  );
