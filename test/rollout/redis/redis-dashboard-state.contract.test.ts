/** The Redis standings and dashboard notes, two connections as two replicas, against a real redis-server. */
import { RedisAuditStandings } from "../../../src/rollout/redis/redis-audit-standings.js";
import { RedisDashboardNotes } from "../../../src/rollout/redis/redis-dashboard-notes.js";
import { RedisStandings } from "../../../src/rollout/redis/redis-standings.js";
import { useRedisServer } from "../../support/redis-server.js";
import {
  describeAuditStoreContract,
  describeDashboardNotesContract,
  describeStandingsContract,
} from "../contract/dashboard-state.contract.js";

const server = useRedisServer();

describeStandingsContract("RedisStandings", async () => [
  new RedisStandings(server.client()),
  new RedisStandings(server.client()),
]);
describeAuditStoreContract("RedisAuditStandings", async () => [
  new RedisAuditStandings(server.client()),
  new RedisAuditStandings(server.client()),
]);
describeDashboardNotesContract("RedisDashboardNotes", async () => [
  new RedisDashboardNotes(server.client()),
  new RedisDashboardNotes(server.client()),
]);
