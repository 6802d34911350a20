/**
 * Lets `ms` pass, to prove that something does NOT happen (no second write, no review, no sign-in): absence has
 * no event to wait on. Anything a test expects to happen is awaited with `waitUntil` on its condition instead.
 */
export function quietPeriod(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
