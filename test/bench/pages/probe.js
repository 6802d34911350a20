// Loaded by every main-thread bench page (the empty one too, so it costs all alike), as a classic script before
// the page's module. `window.benchResult` resolves once the element in `data-host` shows what `data-ready`
// selects in its shadow root (at once on a page without one) and the page has then gone quiet; the two moments
// are marked for the trace (`bench-ready`, `bench-quiet`).
(() => {
  const script = document.currentScript;
  const host = script?.dataset.host;
  const ready = script?.dataset.ready;
  const count = script?.dataset.count;

  /** The FHIR answers the page has read so far: how many, and their bytes. */
  function fhirFetched() {
    const fhir = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.startsWith('/fhir/'));
    return { requests: fhir.length, bytes: fhir.reduce((sum, entry) => sum + entry.encodedBodySize, 0) };
  }

  /** The element's shadow root once `ready` matches in it; a time when it did, or the error state. */
  function whenReady() {
    if (!host || !ready) return Promise.resolve({ readyMs: performance.now() });
    return customElements.whenDefined(host).then(
      () =>
        new Promise((resolve) => {
          const el = document.querySelector(host);
          const root = el?.shadowRoot;
          if (!root) return resolve({ error: `<${host}> has no shadow root` });
          const check = () => {
            // Time first: counting what is on screen is not the element's cost.
            const readyMs = performance.now();
            if (root.querySelector(ready)) {
              observer.disconnect();
              resolve({ readyMs, count: count ? root.querySelectorAll(count).length : undefined, ...fhirFetched() });
            } else if (root.querySelector('[part~="error"]')) {
              observer.disconnect();
              resolve({ error: `<${host}> rendered its error state` });
            }
          };
          // Fires in the microtask after Lit commits, so the time is not rounded to a frame.
          const observer = new MutationObserver(check);
          observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
          check();
        }),
    );
  }

  /** Quiet: three idle periods in a row with the whole 50 ms free and no new request meanwhile (at most 10 s). */
  function whenQuiet() {
    const until = performance.now() + 10_000;
    return new Promise((resolve) => {
      let streak = 0;
      let requests = performance.getEntriesByType('resource').length;
      const next = () =>
        requestIdleCallback((deadline) => {
          const now = performance.getEntriesByType('resource').length;
          streak = deadline.timeRemaining() >= 45 && now === requests ? streak + 1 : 0;
          requests = now;
          if (streak >= 3 || performance.now() > until) resolve(performance.now());
          else next();
        });
      next();
    });
  }

  const timeout = new Promise((resolve) => setTimeout(() => resolve({ error: `<${host}> not ready after 30 s (${ready})` }), 30_000));
  window.benchResult = Promise.race([whenReady(), timeout]).then(async (result) => {
    if (result.error) return result;
    performance.mark('bench-ready');
    const quietMs = await whenQuiet();
    performance.mark('bench-quiet');
    return { ...result, quietMs };
  });
})();
