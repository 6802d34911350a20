import { expect } from '@open-wc/testing';
import { createMemoryAdapter, type MemoryAdapter, type MemoryAdapterOptions } from '../../../src/api/memory/index.js';

/** Wednesday 10 March 2027, 10:00 in New York: four days before US clocks spring forward (14 March). */
export const MARCH_NOW = new Date('2027-03-10T15:00:00Z');
/** Wednesday 3 November 2027, 11:00 in New York: four days before clocks fall back (7 November). */
export const NOVEMBER_NOW = new Date('2027-11-03T15:00:00Z');

export const signal = (): AbortSignal => new AbortController().signal;

export function adapterAt(now: Date, options: MemoryAdapterOptions = {}): MemoryAdapter {
  return createMemoryAdapter({ now: () => now, ...options });
}

/** A schema check that says which field failed, instead of "expected false to be true". */
export function expectValid(schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }, value: unknown, what: string): void {
  const result = schema.safeParse(value);
  const issues = result.success ? '' : JSON.stringify((result.error as { issues?: unknown })?.issues ?? result.error);
  expect(result.success, `${what} does not match its schema: ${issues}`).to.equal(true);
}

/** Resolves with what a promise rejected with; fails the test if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, but it resolved');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an `Intl.DateTimeFormat` is slow; thousands of slots share a handful. */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** Local wall time of an instant in a zone, as `HH:MM` (24 h). */
export function localTime(instant: string, timeZone: string): string {
  return formatter('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

/** Local calendar date of an instant in a zone, as `YYYY-MM-DD`. */
export function localDate(instant: string, timeZone: string): string {
  return formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}
