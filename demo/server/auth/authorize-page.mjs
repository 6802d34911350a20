// @ts-check
/**
 * The demo hospital's sign-in page (the authorization server's interaction): server-rendered HTML with one
 * stylesheet, no script. The visitor picks a patient (one button per patient, no password: it is a demo) and
 * sees what the app asked for as checkboxes, all checked; what they uncheck is not granted. English, or
 * Spanish when the authorize request says `ui_locales=es`.
 */
import { createHash } from 'node:crypto';
import { describeScope } from './scopes.mjs';

/** @typedef {import('./scopes.mjs').Lang} Lang */
/** @typedef {{ id: string, name: string }} PatientChoice */

export const HOSPITAL = 'Riverside Community Health';

const STYLE = `
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b2733; background: #f3f6f8; }
body { margin: 0; }
main { box-sizing: border-box; max-width: 34rem; margin: 0 auto; padding: 1rem; }
.brand { margin: 0; font-weight: 700; color: #0b5566; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.25rem 0 0.75rem; overflow-wrap: anywhere; }
.note { background: #fff8e1; border-left: 4px solid #b7791f; padding: 0.5rem 0.75rem; }
fieldset { border: 1px solid #c5d0d8; border-radius: 0.5rem; background: #fff; margin: 1rem 0; padding: 0.75rem 1rem; min-width: 0; }
legend { font-weight: 700; padding: 0 0.25rem; }
.choice { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.5rem 0; }
.choice input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; accent-color: #0b5566; }
.choice label { overflow-wrap: anywhere; }
button { display: block; width: 100%; min-height: 2.75rem; margin: 0.5rem 0; padding: 0.5rem 1rem; font: inherit; font-weight: 600;
  border-radius: 0.5rem; border: 2px solid #0b5566; background: #0b5566; color: #fff; cursor: pointer; overflow-wrap: anywhere; }
button:hover { background: #08404d; }
button.secondary { background: #fff; color: #0b5566; }
button.secondary:hover { background: #e6f0f3; }
:focus-visible { outline: 3px solid #b3261e; outline-offset: 2px; }
p.small { font-size: 0.875rem; color: #44525e; }
`;

/** Only our stylesheet, only same-origin form posts, never inside a frame. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * @typedef {{ title: (app: string) => string, demo: string, health: (app: string) => string, public: string,
 *   session: string, context: (app: string) => string, nothing: string, who: string, cancel: string,
 *   errorTitle: string, errorBack: string }} PageText
 */

/** @type {Record<Lang, PageText>} */
const TEXT = {
  en: {
    title: (app) => `Sign in to ${app}`,
    demo: 'This is a demo: choose a patient to sign in as. No password is needed, and all patients are made up.',
    health: (app) => `What ${app} may see and do`,
    public: 'Public clinic information (anyone can see it)',
    session: 'How long you stay signed in',
    context: (app) => `${app} will also know which patient you chose.`,
    nothing: 'The app asked for nothing that needs your permission.',
    who: 'Sign in as',
    cancel: 'Cancel and go back to the app',
    errorTitle: 'Sign-in could not continue',
    errorBack: 'Go back to the app and try again.',
  },
  es: {
    title: (app) => `Iniciar sesión en ${app}`,
    demo: 'Esto es una demostración: elija con qué paciente iniciar sesión. No hace falta contraseña y todos los pacientes son ficticios.',
    health: (app) => `Qué puede ver y hacer ${app}`,
    public: 'Información pública de las clínicas (cualquiera puede verla)',
    session: 'Cuánto tiempo sigue con la sesión iniciada',
    context: (app) => `${app} también sabrá qué paciente eligió.`,
    nothing: 'La aplicación no pidió nada que necesite su permiso.',
    who: 'Iniciar sesión como',
    cancel: 'Cancelar y volver a la aplicación',
    errorTitle: 'No se pudo continuar con el inicio de sesión',
    errorBack: 'Vuelva a la aplicación e inténtelo de nuevo.',
  },
};

/**
 * The first supported language of a `ui_locales` value (space-separated BCP 47 tags), else English.
 * @param {unknown} uiLocales
 * @returns {Lang}
 */
export function pageLanguage(uiLocales) {
  for (const tag of typeof uiLocales === 'string' ? uiLocales.split(' ') : []) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'en' || primary === 'es') return primary;
  }
  return 'en';
}

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * @param {Lang} lang
 * @param {string} title
 * @param {string} content already escaped HTML
 */
function page(lang, title, content) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${HOSPITAL}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">${HOSPITAL}</p>
${content}
</main>
</body>
</html>
`;
}

/**
 * @param {{ lang: Lang, app: string, action: string, scopes: string[], patients: PatientChoice[] }} what
 *   `scopes`: the requested scopes the server can grant
 */
export function authorizePage({ lang, app, action, scopes, patients }) {
  const t = TEXT[lang];
  /** @type {Record<'health' | 'public' | 'session', string[]>} */
  const groups = { health: [], public: [], session: [] };
  scopes.forEach((scope, i) => {
    const described = describeScope(scope, lang);
    if (!described) return;
    groups[described.group].push(
      `<div class="choice"><input type="checkbox" id="scope-${i}" name="scope" value="${escapeHtml(scope)}" checked>` +
        `<label for="scope-${i}">${escapeHtml(described.text)}</label></div>`,
    );
  });
  /** @param {string} legend @param {string[]} items */
  const fieldset = (legend, items) => (items.length ? `<fieldset><legend>${escapeHtml(legend)}</legend>\n${items.join('\n')}\n</fieldset>` : '');
  const permissions = [fieldset(t.health(app), groups.health), fieldset(t.public, groups.public), fieldset(t.session, groups.session)].join('\n');
  const buttons = patients.map((p) => `<button type="submit" name="patient" value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</button>`);
  return page(
    lang,
    t.title(app),
    `<h1>${escapeHtml(t.title(app))}</h1>
<p class="note">${escapeHtml(t.demo)}</p>
<form id="smart-authorize" method="post" action="${escapeHtml(action)}">
${permissions.trim() || `<p>${escapeHtml(t.nothing)}</p>`}
<p class="small">${escapeHtml(t.context(app))}</p>
<fieldset><legend>${escapeHtml(t.who)}</legend>
${buttons.join('\n')}
</fieldset>
<button type="submit" name="cancel" value="1" class="secondary">${escapeHtml(t.cancel)}</button>
</form>`,
  );
}

/**
 * A page for a sign-in that cannot go on (expired or unknown interaction, an invalid request that cannot be
 * sent back to the app).
 * @param {Lang} lang
 * @param {{ error?: unknown, error_description?: unknown }} out
 */
export function errorPage(lang, out) {
  const t = TEXT[lang];
  const details = [out.error, out.error_description]
    .filter((text) => typeof text === 'string')
    .map((text) => `<p class="small"><code>${escapeHtml(text)}</code></p>`);
  return page(lang, t.errorTitle, `<h1>${escapeHtml(t.errorTitle)}</h1>\n<p>${escapeHtml(t.errorBack)}</p>\n${details.join('\n')}`);
}
