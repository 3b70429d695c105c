/**
 * Waits for a condition that real time (BullMQ, redis-server) will make true, checking often and giving up after
 * a bound with a message saying what never happened: no fixed sleeps that pass by luck. The bound is generous
 * (a loaded CI host stretches real time) and below the test timeout, so its message is the one reported.
 */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
