import { expect } from '@open-wc/testing';
import { IDLE_DEFAULT_MINUTES, idleMinutes } from '../../../src/elements/portal-provider/idle-settings.js';
import { IdleTimer, type IdleTimerOptions } from '../../../src/elements/portal-provider/idle-timer.js';
import { FakeClock } from '../../support/fake-clock.js';

const MINUTE = 60_000;

type Call = { at: number; what: 'warn' | 'timeout' | 'resume'; deadline?: number };

function setup(options: Partial<IdleTimerOptions> = {}) {
  const clock = new FakeClock();
  const calls: Call[] = [];
  const start = clock.now();
  const timer = new IdleTimer({
    timeoutMs: 15 * MINUTE,
    clock,
    onWarn: (deadline) => calls.push({ at: clock.now() - start, what: 'warn', deadline }),
    onTimeout: () => calls.push({ at: clock.now() - start, what: 'timeout' }),
    onResume: () => calls.push({ at: clock.now() - start, what: 'resume' }),
    ...options,
  });
  return { clock, calls, timer, start, whats: () => calls.map((call) => call.what) };
}

describe('IdleTimer', () => {
  it('warns two minutes before the deadline and times out at it', () => {
    const { clock, calls, timer, start } = setup();
    timer.start();
    expect(timer.deadline).to.equal(start + 15 * MINUTE);
    clock.advance(13 * MINUTE - 1);
    expect(calls).to.deep.equal([]);
    expect(timer.warning).to.equal(false);
    clock.advance(1);
    expect(calls).to.deep.equal([{ at: 13 * MINUTE, what: 'warn', deadline: start + 15 * MINUTE }]);
    expect(timer.warning).to.equal(true);
    clock.advance(2 * MINUTE - 1);
    expect(calls).to.have.length(1);
    clock.advance(1);
    expect(calls[1]).to.deep.equal({ at: 15 * MINUTE, what: 'timeout' });
    expect(timer.deadline).to.equal(undefined);
    expect(timer.warning).to.equal(false);
  });

  it('activity before the warning pushes both the warning and the timeout', () => {
    const { clock, calls, timer, start } = setup();
    timer.start();
    clock.advance(10 * MINUTE);
    timer.activity();
    expect(timer.deadline).to.equal(start + 25 * MINUTE);
    clock.advance(3 * MINUTE);
    expect(calls, 'no warning at the old time').to.deep.equal([]);
    clock.advance(10 * MINUTE);
    expect(calls).to.deep.equal([{ at: 23 * MINUTE, what: 'warn', deadline: start + 25 * MINUTE }]);
    clock.advance(2 * MINUTE);
    expect(calls.map((call) => [call.what, call.at])).to.deep.equal([
      ['warn', 23 * MINUTE],
      ['timeout', 25 * MINUTE],
    ]);
  });

  it('keeps one timer however many keys are pressed (activity only records the time)', () => {
    const { clock, timer } = setup();
    const original = clock.setTimeout.bind(clock);
    let scheduled = 0;
    clock.setTimeout = (fn, ms) => {
      scheduled++;
      return original(fn, ms);
    };
    timer.start();
    for (let i = 0; i < 500; i++) {
      clock.advance(1000);
      timer.activity();
    }
    expect(scheduled).to.equal(1);
    expect(clock.pending).to.equal(1);
  });

  it('activity during the warning resumes: onResume, and a new warning two minutes before the new deadline', () => {
    const { clock, calls, timer, start } = setup();
    timer.start();
    clock.advance(14 * MINUTE);
    timer.activity();
    expect(timer.warning).to.equal(false);
    expect(calls.map((call) => [call.what, call.at])).to.deep.equal([
      ['warn', 13 * MINUTE],
      ['resume', 14 * MINUTE],
    ]);
    clock.advance(2 * MINUTE);
    expect(calls, 'the old deadline passes quietly').to.have.length(2);
    clock.advance(12 * MINUTE);
    expect(calls[2]).to.deep.equal({ at: 27 * MINUTE, what: 'warn', deadline: start + 29 * MINUTE });
    expect(clock.pending).to.equal(1);
  });

  it('stop() silences it: no callbacks, no pending timer', () => {
    const { clock, calls, timer } = setup();
    timer.start();
    clock.advance(13 * MINUTE);
    timer.stop();
    clock.advance(60 * MINUTE);
    timer.activity();
    timer.check();
    expect(calls.map((call) => call.what)).to.deep.equal(['warn']);
    expect(clock.pending).to.equal(0);
    expect(timer.deadline).to.equal(undefined);
  });

  it('check() after a long jump (suspended tab, sleep) times out at once, once, without a warning first', () => {
    const { clock, timer, whats } = setup();
    timer.start();
    clock.jump(40 * MINUTE);
    timer.check();
    expect(whats()).to.deep.equal(['timeout']);
    timer.check();
    clock.advance(60 * MINUTE);
    expect(whats()).to.deep.equal(['timeout']);
  });

  it('check() inside the warning window warns at once, with the real deadline', () => {
    const { clock, calls, timer, start } = setup();
    timer.start();
    clock.jump(14 * MINUTE);
    timer.check();
    expect(calls).to.deep.equal([{ at: 14 * MINUTE, what: 'warn', deadline: start + 15 * MINUTE }]);
  });

  it('a key pressed after the deadline (timer not yet fired) does not revive the session', () => {
    const { clock, timer, whats } = setup();
    timer.start();
    clock.jump(20 * MINUTE);
    timer.activity();
    expect(whats()).to.deep.equal(['timeout']);
  });

  it('a late timer decides from the clock: fired long after the deadline, it times out (no warning first)', () => {
    const { clock, timer, whats } = setup();
    timer.start();
    // The warning timer was due at 13 min but the tab was suspended until 16 min.
    clock.jump(16 * MINUTE);
    clock.advance(0);
    expect(whats()).to.deep.equal(['timeout']);
  });

  it('fires onTimeout exactly once, even when onTimeout pokes the timer', () => {
    const count = { timeout: 0 };
    const fixture = setup({
      onTimeout: () => {
        count.timeout++;
        fixture.timer.activity();
        fixture.timer.check();
      },
    });
    fixture.timer.start();
    fixture.clock.advance(15 * MINUTE);
    fixture.clock.advance(60 * MINUTE);
    fixture.timer.check();
    expect(count.timeout).to.equal(1);
  });

  it('start() again after a timeout counts afresh', () => {
    const { clock, timer, whats } = setup();
    timer.start();
    clock.advance(15 * MINUTE);
    timer.start();
    clock.advance(15 * MINUTE);
    expect(whats()).to.deep.equal(['warn', 'timeout', 'warn', 'timeout']);
  });

  it('clamps the warning to the timeout: a warning longer than the timeout shows from the start', () => {
    const { clock, calls, timer } = setup({ timeoutMs: MINUTE, warnBeforeMs: 5 * MINUTE });
    timer.start();
    clock.advance(0);
    expect(calls.map((call) => call.what)).to.deep.equal(['warn']);
  });
});

describe('idleMinutes', () => {
  for (const [input, minutes] of [
    [1, 2],
    [45, 30],
    ['abc', 15],
    ['10', 10],
    [' 20 ', 20],
    ['', IDLE_DEFAULT_MINUTES],
    [undefined, IDLE_DEFAULT_MINUTES],
    [null, IDLE_DEFAULT_MINUTES],
    [Number.NaN, IDLE_DEFAULT_MINUTES],
    [Infinity, IDLE_DEFAULT_MINUTES],
    ['-5', 2],
    [2, 2],
    [30, 30],
  ] as const) {
    it(`${typeof input === 'string' ? JSON.stringify(input) : String(input)} -> ${minutes}`, () => {
      expect(idleMinutes(input)).to.equal(minutes);
    });
  }
});
