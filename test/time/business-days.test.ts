import { expect } from '@open-wc/testing';
import { replyByDay } from '../../src/time/business-days.js';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

describe('replyByDay (the practice answers within N business days)', () => {
  it('counts business days from the day the message was sent, on the practice clock', () => {
    // Monday 2 March 2026, 10 AM → Thursday 5 March.
    expect(replyByDay(at('2026-03-02T10:00:00-05:00'), 3, NY)).to.equal('2026-03-05');
    // Friday evening: Monday, Tuesday, Wednesday.
    expect(replyByDay(at('2026-03-06T19:30:00-05:00'), 3, NY)).to.equal('2026-03-11');
    // 11:30 PM Friday in New York is already Saturday in UTC: still counted from Friday.
    expect(replyByDay(at('2026-03-07T04:30:00Z'), 1, NY)).to.equal('2026-03-09');
  });

  it('counts a message sent on a closed day from the next open one, and skips holidays', () => {
    expect(replyByDay(at('2026-03-07T12:00:00-05:00'), 0, NY)).to.equal('2026-03-09');
    expect(replyByDay(at('2026-03-07T12:00:00-05:00'), 1, NY)).to.equal('2026-03-10');
    // Thursday 26 November 2026 (Thanksgiving) closed: Wednesday + 2 → Friday 27, Monday 30.
    expect(replyByDay(at('2026-11-25T09:00:00-05:00'), 2, NY, { closed: ['2026-11-26'] })).to.equal('2026-11-30');
  });

  it('follows a practice that also answers on Saturdays', () => {
    expect(replyByDay(at('2026-03-06T09:00:00-05:00'), 1, NY, { workdays: [1, 2, 3, 4, 5, 6] })).to.equal('2026-03-07');
    expect(() => replyByDay(0, 1, NY, { workdays: [] })).to.throw(RangeError);
  });
});
