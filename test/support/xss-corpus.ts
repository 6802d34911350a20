/**
 * Hostile strings for every text field a server can fill: each tries to run script that sets `window.__xss` (the
 * canary) or to load something from another origin. Built from injection points × carriers × disguises, so the set
 * stays large (over 200), varied and ours.
 */

const CANARY = 'window.__xss=1';
const REMOTE = 'https://attacker.invalid/x';

/** Ways of leaving the context a value may land in (text, an attribute, a raw-text element, a template). */
const BREAKOUTS = ['', '"', "'", '">', "'>", '</textarea>', '</title>', '</style>', '</script>', '-->', ']]>', '`', '}}'];

/** Markup that runs script or fetches when an HTML parser meets it. */
const CARRIERS = [
  `<script>${CANARY}</script>`,
  `<img src=x onerror="${CANARY}">`,
  `<svg onload="${CANARY}">`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<body onload="${CANARY}">`,
  `<details open ontoggle="${CANARY}">`,
  `<video><source onerror="${CANARY}"></video>`,
  `<a href="javascript:${CANARY}">x</a>`,
  `<form action="javascript:${CANARY}"><button>x</button></form>`,
  `<object data="javascript:${CANARY}"></object>`,
  `<embed src="${REMOTE}">`,
  `<link rel=stylesheet href="${REMOTE}">`,
  `<meta http-equiv=refresh content="0;url=javascript:${CANARY}">`,
  `<style>@import '${REMOTE}';</style>`,
  `<input autofocus onfocus="${CANARY}">`,
  `<math><mtext><img src=x onerror="${CANARY}"></mtext></math>`,
  `<img src="${REMOTE}">`,
];

/** The same carriers disguised: case, encodings, stray characters that old filters and parsers trip on. */
const DISGUISES: Array<(s: string) => string> = [
  (s) => s,
  (s) => s.toUpperCase().replace('WINDOW.__XSS=1', CANARY),
  (s) => s.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  (s) => s.replace(/ /g, '\n'),
  (s) => s.replace(/ /g, '/'),
  (s) => `\u0000${s}`,
  (s) => s.replace('<', '<\u200b'),
  (s) => encodeURIComponent(s),
];

function build(): string[] {
  const out = new Set<string>();
  for (const carrier of CARRIERS) {
    for (const disguise of DISGUISES) out.add(disguise(carrier));
    for (const breakout of BREAKOUTS) out.add(`${breakout}${carrier}`);
  }
  // Template and URL forms that need no markup at all.
  for (const form of [
    `{{constructor.constructor('${CANARY}')()}}`,
    `\${${CANARY}}`,
    `javascript:${CANARY}`,
    `JaVaScRiPt:${CANARY}`,
    `data:text/html,<script>${CANARY}</script>`,
    `vbscript:msgbox(1)`,
    `https://x.example/"><script>${CANARY}</script>`,
    `https://x.example/?q=<img src=x onerror=${CANARY}>`,
  ]) {
    out.add(form);
  }
  return [...out];
}

export const XSS_CORPUS: readonly string[] = build();
export const XSS_REMOTE_ORIGIN = new URL(REMOTE).origin;

/**
 * Watches the page while hostile strings are drawn: dialogs opened (alert, confirm, prompt are replaced by a
 * recorder), the canary global a payload sets when it runs, and requests to the payloads' remote origin.
 * `stop()` puts the dialogs back.
 */
export function watchForXss(): { dialogs: string[]; canary(): unknown; remoteRequests(): string[]; stop(): void } {
  const w = window as unknown as { __xss?: number; alert: unknown; confirm: unknown; prompt: unknown };
  const dialogs: string[] = [];
  const saved = { alert: w.alert, confirm: w.confirm, prompt: w.prompt };
  w.alert = w.confirm = w.prompt = (m: unknown) => void dialogs.push(String(m));
  const before = performance.getEntriesByType('resource').length;
  return {
    dialogs,
    canary: () => w.__xss,
    remoteRequests: () =>
      performance
        .getEntriesByType('resource')
        .slice(before)
        .map((entry) => entry.name)
        .filter((url) => url.startsWith(XSS_REMOTE_ORIGIN)),
    stop: () => void Object.assign(w, saved),
  };
}
