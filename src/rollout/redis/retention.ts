/**
 * How long the app's shared state lives in Redis without being written again. Nothing but the live queue is kept
 * forever: the standings, the audit findings and the dashboard notes are refreshed by every sweep (6 h by default)
 * and by the jobs in between, so they only expire for an org the app no longer hears of (uninstalled, renamed);
 * if they do expire, the next org scan writes them again, since GitHub and JFrog are the sources of truth. The
 * budget windows and the leases carry their own, shorter expiries (an hour, an interval).
 */
export const SHARED_STATE_TTL_MS = 7 * 24 * 3_600_000;
