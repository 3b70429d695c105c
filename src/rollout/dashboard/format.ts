/** Numbers, durations and times as the dashboard and the status reply print them: fixed, locale-independent. */

export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `3 h 20 min`, `12 min`, `under a minute`; rounded up to the minute (an ETA should not promise too early). */
export function duration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes <= 0) return "under a minute";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(" ");
}

/** `2026-11-27 14:05 UTC` */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
