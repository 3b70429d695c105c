import type { MappingApi } from "../reconcile/apply.js";
import type { OrgMemory } from "../reconcile/org-gate.js";
import type { IntegrationApi } from "../reconcile/verify-integration.js";
import type { RepositoryQueue } from "../rollout/repository-queue.js";
import type { Settings } from "../settings.js";

/** Everything the handlers need, passed in explicitly (no module-level clients): tests build their own. */
export interface AppDeps {
  settings: Pick<Settings, "jfrogUrl" | "dryRun" | "githubIssuer">;
  jfrog: MappingApi & IntegrationApi;
  queue: RepositoryQueue;
  orgMemory: OrgMemory;
}
