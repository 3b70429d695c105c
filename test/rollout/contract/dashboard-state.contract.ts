/**
 * What every store of the dashboard's state must do, whichever implementation runs: the in-memory ones (embedded
 * mode) and the Redis ones (scale-out) both call these from their own test file. `replicas()` gives two handles on
 * the same state: for memory the same object twice, for Redis two connections, as two replicas have.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/audit/finding.js";
import type { IntegrationAudit } from "../../../src/audit/jfrog/analyze-integration.js";
import type { AuditStore } from "../../../src/rollout/dashboard/audit-standings.js";
import type { DashboardNotes } from "../../../src/rollout/dashboard/dashboard-issue.js";
import type { Standing, StandingsStore } from "../../../src/rollout/dashboard/standings.js";

const ref = (name: string, repoId: number) => ({ owner: "acme", name, ownerId: 1, repoId });
export const standing = (
  name: string,
  repoId: number,
  state: Standing["state"],
  reason?: string,
): Standing => ({
  ref: ref(name, repoId),
  state,
  isPublic: false,
  ...(reason !== undefined && { reason }),
});

const listed = async (store: StandingsStore, org: string) =>
  [...((await store.of(org))?.repositories.values() ?? [])]
    .map((s) => [s.ref.name, s.state, s.reason ?? null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

export function describeStandingsContract(
  name: string,
  replicas: () => Promise<[StandingsStore, StandingsStore]>,
) {
  describe(`${name}: the rollout standings`, () => {
    it("know nothing of an org before its first scan, and ignore finished jobs until then", async () => {
      const [standings] = await replicas();
      expect(await standings.update(standing("api", 10, "pull-request-open"))).toBe(false);
      expect(await standings.of("acme")).toBeUndefined();
    });

    it("are replaced by a scan, then follow finished jobs, saying when a state changed", async () => {
      const [standings] = await replicas();
      await standings.replace("Acme", {
        policyConsent: true,
        at: 5,
        standings: [
          standing("api", 10, "pending"),
          standing("web", 11, "onboarded"),
          standing("old", 12, "blocked"),
        ],
      });
      expect(await standings.update(standing("api", 10, "pull-request-open"))).toBe(true);
      expect(await standings.update(standing("api", 10, "pull-request-open"))).toBe(false);
      expect(await standings.update(standing("api", 10, "pull-request-open", "checks failing"))).toBe(true);
      // A rename keeps the repository's ids, so it is the same entry.
      expect(await standings.update(standing("web-renamed", 11, "onboarded"))).toBe(false);
      expect(await standings.update(standing("web-renamed", 11, "gone"))).toBe(true);
      const known = await standings.of("acme");
      expect(known?.policyConsent).toBe(true);
      expect(known?.scannedAt).toBe(5);
      expect(await listed(standings, "acme")).toEqual([
        ["api", "pull-request-open", "checks failing"],
        ["old", "blocked", null],
      ]);
      // The next scan replaces the whole list: a repository it no longer saw is gone.
      await standings.replace("acme", {
        policyConsent: false,
        at: 9,
        standings: [standing("api", 10, "onboarded")],
      });
      expect((await standings.of("ACME"))?.policyConsent).toBe(false);
      expect(await listed(standings, "acme")).toEqual([["api", "onboarded", null]]);
    });

    it("are the same for two replicas: one's scan and updates are what the other summarizes", async () => {
      const [a, b] = await replicas();
      await a.replace("acme", { policyConsent: false, at: 1, standings: [standing("api", 10, "pending")] });
      expect(await b.update(standing("api", 10, "pull-request-open"))).toBe(true);
      expect(await a.update(standing("api", 10, "pull-request-open"))).toBe(false);
      expect(await listed(a, "acme")).toEqual(await listed(b, "acme"));
      expect(await listed(a, "acme")).toEqual([["api", "pull-request-open", null]]);
    });

    it("keep an empty scan as a scan (nothing to onboard is not 'never scanned')", async () => {
      const [standings] = await replicas();
      await standings.replace("acme", { policyConsent: false, at: 3, standings: [] });
      expect((await standings.of("acme"))?.repositories.size).toBe(0);
    });
  });
}

export function describeDashboardNotesContract(
  name: string,
  replicas: () => Promise<[DashboardNotes, DashboardNotes]>,
) {
  describe(`${name}: the dashboard notes`, () => {
    it("start empty, and merge each note field by field", async () => {
      const [notes] = await replicas();
      expect(await notes.of("acme")).toEqual({});
      await notes.note("Acme", { issueNumber: 7, body: "marker\nbody", writtenAt: 1_000, edited: false });
      await notes.note("acme", { edited: true });
      expect(await notes.of("ACME")).toEqual({
        issueNumber: 7,
        body: "marker\nbody",
        writtenAt: 1_000,
        edited: true,
      });
      expect(await notes.of("other")).toEqual({});
    });

    it("are the same for two replicas: the same dashboard issue and the same debounce", async () => {
      const [a, b] = await replicas();
      await a.note("acme", { issueNumber: 42, body: "marker", writtenAt: 5_000, edited: false });
      expect(await b.of("acme")).toEqual({
        issueNumber: 42,
        body: "marker",
        writtenAt: 5_000,
        edited: false,
      });
      await b.note("acme", { issueNumber: 42, edited: true });
      expect((await a.of("acme")).edited).toBe(true);
    });
  });
}

const finding = (rule: Finding["rule"], severity: Finding["severity"]): Finding => ({
  rule,
  severity,
  path: ".github/workflows/ci.yml",
  start: { line: 3, column: 7 },
  end: { line: 3, column: 20 },
  message: "m",
  fix: "f",
});
const integration: IntegrationAudit = {
  mappings: [{ name: "wide", owner: "other", priority: 1, admits: ["acme/api"], findings: [] }],
  repositories: [],
};

export function describeAuditStoreContract(name: string, replicas: () => Promise<[AuditStore, AuditStore]>) {
  describe(`${name}: the audit standings`, () => {
    it("keep each repository's findings row, saying when it changed, and drop it once nothing is found", async () => {
      const [audits] = await replicas();
      expect(await audits.of("acme")).toBeUndefined();
      const api = ref("api", 10);
      const found = [finding("stored-credential", "error"), finding("action-outdated-major", "warning")];
      expect(await audits.recordWorkflows(api, found, 0)).toBe(true);
      expect(await audits.recordWorkflows(api, found, 0)).toBe(false);
      expect([...((await audits.of("ACME"))?.workflows.values() ?? [])]).toEqual([
        {
          ref: api,
          errors: 1,
          warnings: 1,
          rules: ["stored-credential", "action-outdated-major"],
          unreadable: 0,
        },
      ]);
      expect(await audits.recordWorkflows(api, [], 0)).toBe(true);
      expect(await audits.recordWorkflows(api, [], 0)).toBe(false);
      expect((await audits.of("acme"))?.workflows.size).toBe(0);
    });

    it("are the same for two replicas: one's push and scan audits are what the other renders", async () => {
      const [a, b] = await replicas();
      expect(await a.recordWorkflows(ref("api", 10), [], 2)).toBe(true);
      expect(await b.recordWorkflows(ref("api", 10), [], 2)).toBe(false);
      await b.recordIntegration("Acme", integration);
      const seen = await a.of("acme");
      expect(seen?.integration).toEqual(integration);
      expect([...(seen?.workflows.values() ?? [])].map((w) => w.unreadable)).toEqual([2]);
    });
  });
}
