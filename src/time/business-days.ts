import { addDays, weekday, type Day } from './days.js';
import { dayInZone } from './zones.js';

export interface BusinessDays {
  /** Weekdays the practice answers on (0 = Sunday); Monday to Friday unless the host says otherwise. */
  workdays?: readonly number[];
  /** Days it is closed although a workday (holidays), as `YYYY-MM-DD`. */
  closed?: readonly Day[];
}

const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];

/**
 * The day by which a message sent at `sentAtMs` can expect an answer, in the practice's zone: `days` business days
 * later, a message sent on a closed day counting from the next open one ("reply within 3 business days" sent on a
 * Friday evening → Wednesday). `days` 0 is the same business day (or the next one, from a closed day).
 */
export function replyByDay(sentAtMs: number, days: number, practiceZone: string, calendar: BusinessDays = {}): Day {
  const workdays = new Set(calendar.workdays ?? MONDAY_TO_FRIDAY);
  const closed = new Set(calendar.closed ?? []);
  if (workdays.size === 0) throw new RangeError('replyByDay: a practice needs at least one workday');
  const open = (day: Day) => workdays.has(weekday(day)) && !closed.has(day);
  let day = dayInZone(practiceZone, sentAtMs);
  // A message sent on a closed day is read on the next open one.
  while (!open(day)) day = addDays(day, 1);
  for (let left = Math.max(0, Math.floor(days)); left > 0; ) {
    day = addDays(day, 1);
    if (open(day)) left--;
  }
  return day;
}
