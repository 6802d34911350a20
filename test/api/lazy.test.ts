import { expect } from '@open-wc/testing';
import { isApiError } from '../../src/api/errors.js';
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
