import { yieldToMain } from '../api/yield.js';

/**
 * Lit's `scheduleUpdate`, with the first update moved to a task of its own. A page's scripts upgrade every
 * portal-kit element (and provider) as they run; without this, the scripts' evaluation, the provider building its
 * adapter and every element's first render would be one long task, and a tap in the meantime would go unanswered.
 * Call as `return inOwnTaskFirst(this.hasUpdated, () => super.scheduleUpdate())`.
 */
export function inOwnTaskFirst(hasUpdated: boolean, schedule: () => void | Promise<unknown>): void | Promise<unknown> {
  return hasUpdated ? schedule() : yieldToMain().then(schedule);
}
