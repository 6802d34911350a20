/**
 * Hands the main thread back to the browser (a tap, a scroll, a frame) before going on: `scheduler.yield()` where
 * the browser has it (it resumes ahead of other queued work), else a new task. Long work — a month of slots
 * mapped, an element's first render after a page's scripts ran — is cut into pieces with it, so no single task
 * keeps a patient's phone from answering.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
