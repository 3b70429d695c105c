/**
 * How big the chaos scenarios run. The figure is 100 repositories; CI sets CHAOS_REPOSITORIES lower so the
 * whole suite fits in its few minutes on 2 cores while still running every scenario.
 */
export const REPOSITORIES = Number(process.env.CHAOS_REPOSITORIES ?? 100);

if (!Number.isInteger(REPOSITORIES) || REPOSITORIES < 1)
  throw new Error(`CHAOS_REPOSITORIES must be a whole number ≥ 1 (got "${process.env.CHAOS_REPOSITORIES}")`);

/** `prefix-001` … : names that sort in creation order. */
export function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(3, "0")}`);
}
