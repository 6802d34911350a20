// A page's scripts upgrade every element as they run; the provider's and each element's first update wait for a
// task of their own, so the script's evaluation never grows into one long task with all of them in it.
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { createMemoryAdapter } from '../../src/api/memory/index.js';

/** Resolves after the tasks queued now have run (a message-channel task, queued behind them). */
const afterTasks = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    setTimeout(() => channel.port2.postMessage(undefined), 0);
  });

describe('first render in a task of its own', () => {
  let provider: HTMLElement | undefined;
  afterEach(() => provider?.remove());

  it('the provider and the element it holds render nothing in the task that upgraded them, and render soon after', async () => {
    provider = document.createElement('portal-provider');
    const banner = document.createElement('portal-patient-banner');
    (provider as HTMLElement & { api: unknown }).api = createMemoryAdapter({ patientId: 'patient-ana-mejia' });
    provider.append(banner);
    document.body.append(provider);
    // Microtasks are part of the same task: still nothing rendered.
    await Promise.resolve();
    await Promise.resolve();
    expect((provider as HTMLElement & { hasUpdated: boolean }).hasUpdated, 'provider updated in the same task').to.equal(false);
    expect(banner.shadowRoot?.childElementCount ?? 0, 'banner rendered in the same task').to.equal(0);
    await afterTasks();
    await (banner as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect((provider as HTMLElement & { hasUpdated: boolean }).hasUpdated).to.equal(true);
    expect(banner.shadowRoot!.childElementCount, 'banner rendered after the task').to.be.greaterThan(0);
  });
});
