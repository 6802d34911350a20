import { HealthCardError, type HealthCardProblem } from '../../src/health-cards/verify.js';

/** What a check ends in: `verified`, the HealthCardError's problem, or any other error's text. */
export async function problemOf(run: () => Promise<unknown>): Promise<HealthCardProblem | 'verified' | string> {
  try {
    await run();
    return 'verified';
  } catch (error) {
    return error instanceof HealthCardError ? error.problem : String(error);
  }
}
