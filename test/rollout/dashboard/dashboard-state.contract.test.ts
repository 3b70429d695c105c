/** The in-memory standings and notes meet the same contract as the Redis ones (test/rollout/redis/…). */
import { AuditStandings } from "../../../src/rollout/dashboard/audit-standings.js";
import { DashboardMemory } from "../../../src/rollout/dashboard/dashboard-issue.js";
import { RolloutStandings } from "../../../src/rollout/dashboard/standings.js";
import {
  describeAuditStoreContract,
  describeDashboardNotesContract,
  describeStandingsContract,
} from "../contract/dashboard-state.contract.js";

// One process: both "replicas" are the same object, which is exactly what embedded mode has.
describeStandingsContract("RolloutStandings", async () => {
  const standings = new RolloutStandings();
  return [standings, standings];
});
describeAuditStoreContract("AuditStandings", async () => {
  const audits = new AuditStandings();
  return [audits, audits];
});
describeDashboardNotesContract("DashboardMemory", async () => {
  const memory = new DashboardMemory();
  return [memory, memory];
});
