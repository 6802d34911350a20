import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  PENDING_CHOICE_KEY,
  PENDING_CHOICE_TTL_MS,
  PendingChoiceController,
  type PendingChoice,
} from '../../../src/elements/portal-scheduler/pending-choice-controller.js';

const CHOICE: PendingChoice = { slotId: 'slot-downtown-1', start: '2026-11-03T09:30:00-05:00', locationId: 'loc-downtown', serviceId: 'svc-flu' };

/** A Map-backed Storage, or one that throws on every access (a sandboxed frame). */
function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    get length() {
      return values.size;
    },
    key: (index: number) => [...values.keys()][index] ?? null,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
    clear: () => values.clear(),
  };
}

function throwingStorage(): Storage {
  const fail = () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return { length: 0, key: fail, getItem: fail, setItem: fail, removeItem: fail, clear: fail };
}

function setup(storage: () => Storage | undefined) {
  let now = Date.parse('2026-11-01T12:00:00Z');
  const resumed: PendingChoice[] = [];
  const host = {
    signedIn: false as boolean,
    readyToResume: true as boolean,
    controllers: [] as ReactiveController[],
    addController(controller: ReactiveController) {
      this.controllers.push(controller);
    },
    removeController() {},
    requestUpdate() {},
    updateComplete: Promise.resolve(true),
  } satisfies ReactiveControllerHost & { controllers: ReactiveController[]; signedIn: boolean; readyToResume: boolean };
  const controller = new PendingChoiceController(host, {
    signedIn: () => host.signedIn,
    readyToResume: () => host.readyToResume,
    resume: (choice) => void resumed.push(choice),
    storage,
    now: () => now,
  });
  const update = async () => {
    controller.hostUpdated();
    await Promise.resolve();
  };
  return { host, controller, resumed, update, advance: (ms: number) => (now += ms) };
}

describe('PendingChoiceController', () => {
  it('keeps the choice under a project key, hands it back once when signed in, then deletes it', async () => {
    const storage = memoryStorage();
    const { host, controller, resumed, update } = setup(() => storage);
    controller.save(CHOICE);
    expect(JSON.parse(storage.getItem(PENDING_CHOICE_KEY)!).choice).to.deep.equal(CHOICE);
    await update();
    expect(resumed, 'not while signed out').to.have.length(0);
    host.signedIn = true;
    await update();
    await update();
    expect(resumed).to.deep.equal([CHOICE]);
    expect(storage.getItem(PENDING_CHOICE_KEY)).to.equal(null);
  });

  it('waits until the element can search again', async () => {
    const storage = memoryStorage();
    const { host, controller, resumed, update } = setup(() => storage);
    controller.save(CHOICE);
    host.signedIn = true;
    host.readyToResume = false;
    await update();
    expect(resumed).to.have.length(0);
    host.readyToResume = true;
    await update();
    expect(resumed).to.have.length(1);
  });

  it('forgets a choice after its expiry', async () => {
    const storage = memoryStorage();
    const { host, controller, resumed, update, advance } = setup(() => storage);
    controller.save(CHOICE);
    advance(PENDING_CHOICE_TTL_MS + 1);
    host.signedIn = true;
    await update();
    expect(resumed).to.have.length(0);
    expect(storage.getItem(PENDING_CHOICE_KEY)).to.equal(null);
  });

  it('deletes the choice when the session ends', async () => {
    const storage = memoryStorage();
    const { host, controller, resumed, update } = setup(() => storage);
    host.signedIn = true;
    host.readyToResume = false;
    await update();
    // Saved by another scheduler on the page while this one could not search yet.
    controller.save(CHOICE);
    host.signedIn = false;
    await update();
    expect(storage.getItem(PENDING_CHOICE_KEY)).to.equal(null);
    host.signedIn = true;
    host.readyToResume = true;
    await update();
    expect(resumed).to.have.length(0);
  });

  it('drops what it cannot read instead of failing', async () => {
    const storage = memoryStorage();
    storage.setItem(PENDING_CHOICE_KEY, '{"choice":{"slotId":42}}');
    const { host, resumed, update } = setup(() => storage);
    host.signedIn = true;
    await update();
    expect(resumed).to.have.length(0);
    expect(storage.getItem(PENDING_CHOICE_KEY)).to.equal(null);
  });

  for (const [name, storage] of [
    ['throws (sandboxed frame)', throwingStorage],
    ['is missing', () => undefined],
  ] as const) {
    it(`still works on the same page when storage ${name}`, async () => {
      const { host, controller, resumed, update } = setup(storage);
      expect(() => controller.save(CHOICE)).not.to.throw();
      host.signedIn = true;
      await update();
      expect(resumed).to.deep.equal([CHOICE]);
    });
  }
});
