import { expect } from '@open-wc/testing';
import { isApiError } from '../../src/api/errors.js';
import { sharedWhileRunning } from '../../src/api/in-flight.js';
import { lazyFeature } from '../../src/api/lazy.js';

interface Greeter {
  hello(name: string): Promise<string>;
  bye(): Promise<string>;
}

describe('lazyFeature', () => {
  it('loads the implementation once, on the first call, and passes arguments through', async () => {
    let loads = 0;
    const api = lazyFeature<Greeter>('greeter', { hello: true, bye: true }, async () => {
      loads++;
      return { hello: async (name) => `hello ${name}`, bye: async () => 'bye' };
    });
    expect(loads).to.equal(0);
    expect(await Promise.all([api.hello('a'), api.hello('b'), api.bye()])).to.deep.equal(['hello a', 'hello b', 'bye']);
    expect(loads).to.equal(1);
  });

  it('reports a chunk that fails to load as a network error and tries again on the next call', async () => {
    let attempts = 0;
    const api = lazyFeature<Greeter>('greeter', { hello: true, bye: true }, async () => {
      attempts++;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { hello: async () => 'hello', bye: async () => 'bye' };
    });
    const failure = await api.hello('x').catch((e: unknown) => e);
    expect(isApiError(failure) && failure.kind).to.equal('network');
    expect(isApiError(failure) && failure.operation).to.equal('greeter');
    expect(await api.bye()).to.equal('bye');
    expect(attempts).to.equal(2);
  });
});

describe('sharedWhileRunning', () => {
  /** A run per key that waits until released, recording the signal each run got. */
  function gated() {
    const runs: { key: string; signal: AbortSignal; release: (value: string) => void }[] = [];
    const shared = sharedWhileRunning(
      (key: string, signal: AbortSignal) => new Promise<string>((resolve, reject) => {
        runs.push({ key, signal, release: resolve });
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    );
    return { runs, shared };
  }

  it('runs once per key for the callers that arrive while it is in flight, and afresh once it settled', async () => {
    const { runs, shared } = gated();
    const calls = [shared('a', new AbortController().signal), shared('a', new AbortController().signal), shared('b', new AbortController().signal)];
    expect(runs.map((run) => run.key)).to.deep.equal(['a', 'b']);
    runs[0].release('first a');
    runs[1].release('b');
    expect(await Promise.all(calls)).to.deep.equal(['first a', 'first a', 'b']);
    const later = shared('a', new AbortController().signal);
    expect(runs).to.have.length(3);
    runs[2].release('second a');
    expect(await later).to.equal('second a');
  });

  it('rejects only the caller that aborted, and stops the run when the last caller has gone', async () => {
    const { runs, shared } = gated();
    const leaving = new AbortController();
    const staying = new AbortController();
    const left = shared('a', leaving.signal).catch((e: unknown) => e);
    const stays = shared('a', staying.signal).catch((e: unknown) => e);
    leaving.abort();
    expect(await left).to.equal(leaving.signal.reason);
    expect(runs[0].signal.aborted).to.equal(false);
    staying.abort();
    expect(await stays).to.equal(staying.signal.reason);
    expect(runs[0].signal.aborted).to.equal(true);
    // The stopped run is not shared with the next caller.
    void shared('a', new AbortController().signal).catch(() => undefined);
    expect(runs).to.have.length(2);
  });

  it('rejects an already aborted caller without starting a run', async () => {
    const { runs, shared } = gated();
    const controller = new AbortController();
    controller.abort();
    expect(await shared('a', controller.signal).catch((e: unknown) => e)).to.equal(controller.signal.reason);
    expect(runs).to.have.length(0);
  });
});
