/** Freezes what `Date.now()` and `new Date()` say, leaving every other use of Date alone; returns the thaw. */
export function freezeClock(at: number): () => void {
  const RealDate = Date;
  class FrozenDate extends RealDate {
    constructor(...args: unknown[]) {
      super(...((args.length ? args : [at]) as [number]));
    }
    static override now(): number {
      return at;
    }
  }
  globalThis.Date = FrozenDate as DateConstructor;
  return () => {
    globalThis.Date = RealDate;
  };
}
