import { expect, waitUntil } from '@open-wc/testing';
import type { ReactiveControllerHost } from 'lit';
import { LazyPartController } from '../../src/controllers/lazy-part.js';

function recordingHost() {
  const host = {
    errors: [] as unknown[],
    updates: 0,
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => void host.updates++,
    updateComplete: Promise.resolve(true),
    reportError: (error: unknown) => void host.errors.push(error),
  };
  return host satisfies ReactiveControllerHost;
}

/** A loader that fails `failures` times, then answers; counts its calls. */
function flakyLoad(failures: number) {
  const calls = { count: 0 };
  const load = async () => {
    calls.count++;
    if (calls.count <= failures) throw new Error('chunk missing');
    return { part: calls.count };
  };
  return { load, calls };
}

describe('LazyPartController', () => {
  it('loads once and hands every later caller the same part', async () => {
    const host = recordingHost();
    const { load, calls } = flakyLoad(0);
    const part = new LazyPartController(host, { operation: 'test.part', load, onError: host.reportError });
    const [first, second] = await Promise.all([part.ready(() => undefined), part.ready(() => undefined)]);
    const third = await part.ready(() => undefined);
    expect(first).to.equal(second);
    expect(third).to.equal(first);
    expect(part.value).to.equal(first);
    // Two callers raced the first load and shared it: a part adds controllers to its host only once.
    expect(calls.count).to.equal(1);
    expect(host.updates).to.be.greaterThan(0);
  });

  it('keeps a failed load with a retry that repeats what the person was doing', async () => {
    const host = recordingHost();
    const { load } = flakyLoad(1);
    const part = new LazyPartController(host, { operation: 'test.part', load, onError: host.reportError });
    let repeated = 0;
    const again = () => {
      repeated++;
      void part.ready(again);
    };
    expect(await part.ready(again)).to.equal(undefined);
    // Reported like any failed load: a network error, without the cause's text.
    expect((part.failure?.error as { kind?: string } | undefined)?.kind).to.equal('network');
    expect(host.errors).to.have.length(1);
    part.retry();
    expect(part.failure).to.equal(undefined);
    expect(repeated).to.equal(1);
    await waitUntil(() => part.value, 'the retried load never finished');
    expect(part.value).to.deep.equal({ part: 2 });
  });

  it('says nothing when a load ahead of need fails, and the next real use tries again', async () => {
    const host = recordingHost();
    const { load, calls } = flakyLoad(1);
    const part = new LazyPartController(host, { operation: 'test.part', load, onError: host.reportError });
    expect(await part.ready(() => undefined, { quiet: true })).to.equal(undefined);
    expect(part.failure).to.equal(undefined);
    expect(host.errors).to.have.length(0);
    expect(await part.ready(() => undefined)).to.deep.equal({ part: 2 });
    expect(calls.count).to.equal(2);
  });
});
