import { expect } from '@open-wc/testing';
import { collectMappedInSlices } from '../../../src/api/fhir/mapped.js';
import { fail, ok, type MapOutcome } from '../../../src/api/fhir/map/common.js';

const map = (value: unknown): MapOutcome<number> => (typeof value === 'number' ? ok(value * 2) : fail('not-a-number'));

describe('collectMappedInSlices (a month of slots, a few hundred at a time)', () => {
  it('maps every item in order and counts the ones that do not map, across slices', async () => {
    const input = Array.from({ length: 1_000 }, (_, i) => (i % 97 === 0 ? 'bad' : i));
    const out = await collectMappedInSlices(input, map, new AbortController().signal);
    const expected = input.flatMap((value) => (typeof value === 'number' ? [value * 2] : []));
    expect(out.items).to.deep.equal(expected);
    expect(out.dropped).to.equal(input.length - expected.length);
  });

  it('gives the main thread back between slices: a waiting urgent task runs in the middle', async () => {
    let timerRan = false;
    let mappedWhenTimerRan = 0;
    let mapped = 0;
    const mark = () => {
      timerRan = true;
      mappedWhenTimerRan = mapped;
    };
    // What a tap would queue: `scheduler.yield()` resumes ahead of ordinary tasks (a timer) but after urgent ones.
    const scheduler = (globalThis as { scheduler?: { postTask?: (run: () => void, options: { priority: string }) => Promise<void> } }).scheduler;
    if (scheduler?.postTask) void scheduler.postTask(mark, { priority: 'user-blocking' });
    else setTimeout(mark, 0);
    await collectMappedInSlices(Array.from({ length: 1_000 }, (_, i) => i), (value) => (mapped++, map(value)), new AbortController().signal);
    expect(timerRan).to.equal(true);
    expect(mappedWhenTimerRan).to.be.greaterThan(0).and.lessThan(1_000);
  });

  it('stops when the search is given up meanwhile', async () => {
    const controller = new AbortController();
    let mapped = 0;
    const run = collectMappedInSlices(Array.from({ length: 1_000 }, (_, i) => i), (value) => (mapped++, map(value)), controller.signal);
    controller.abort(new DOMException('gone', 'AbortError'));
    let error: unknown;
    try {
      await run;
    } catch (e) {
      error = e;
    }
    expect((error as DOMException | undefined)?.name).to.equal('AbortError');
    expect(mapped).to.be.lessThan(1_000);
  });
});
