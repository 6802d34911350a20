import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The design tokens a host may set (on any ancestor; custom properties cross shadow roots). Each element
 * reads them with the light preset's value as fallback, so nothing needs to be set for a sane default.
 */
export const LIGHT = {
  '--portal-color-text': '#1b1f24',
  '--portal-color-text-muted': '#4f5864',
  '--portal-color-surface': '#ffffff',
  '--portal-color-surface-raised': '#f4f6f8',
  '--portal-color-border': '#c5ccd5',
  '--portal-color-accent': '#0b5cad',
  '--portal-color-accent-contrast': '#ffffff',
  '--portal-color-danger': '#b3261e',
  '--portal-color-danger-surface': '#fdecea',
  '--portal-color-warning': '#8a5300',
  '--portal-color-warning-surface': '#fff4e0',
  '--portal-color-success': '#1e6b33',
  '--portal-color-success-surface': '#e7f4ea',
  '--portal-font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  '--portal-font-size': '1rem',
  '--portal-line-height': '1.5',
  '--portal-space': '0.5rem',
  '--portal-radius': '0.5rem',
  '--portal-focus-ring': '3px solid #0b5cad',
  '--portal-target-size': '2.75rem',
} as const;

export type TokenName = keyof typeof LIGHT;
export type ThemePreset = Record<TokenName, string>;

export const DARK: ThemePreset = {
  ...LIGHT,
  '--portal-color-text': '#e8ebef',
  '--portal-color-text-muted': '#b3bcc7',
  '--portal-color-surface': '#15191e',
  '--portal-color-surface-raised': '#20262d',
  '--portal-color-border': '#4a5562',
  '--portal-color-accent': '#8cc2ff',
  '--portal-color-accent-contrast': '#0b1a2b',
  '--portal-color-danger': '#ffb4ab',
  '--portal-color-danger-surface': '#3b1512',
  '--portal-color-warning': '#ffcf8a',
  '--portal-color-warning-surface': '#3a2a10',
  '--portal-color-success': '#95d5a6',
  '--portal-color-success-surface': '#13301c',
  '--portal-focus-ring': '3px solid #8cc2ff',
};

/** A sample vendor brand: shows how far tokens alone re-skin the elements (warm accent, rounder, roomier). */
export const WHITE_LABEL: ThemePreset = {
  ...LIGHT,
  '--portal-color-accent': '#7a2e8e',
  '--portal-color-text': '#241a2b',
  '--portal-color-surface-raised': '#f7f1f9',
  '--portal-color-border': '#cbb8d3',
  '--portal-font-family': 'Georgia, "Times New Roman", serif',
  '--portal-radius': '1rem',
  '--portal-space': '0.625rem',
  '--portal-focus-ring': '3px solid #7a2e8e',
};

export const THEME_PRESETS = { light: LIGHT, dark: DARK, 'white-label': WHITE_LABEL } as const;
export type ThemeName = keyof typeof THEME_PRESETS;
export const THEME_NAMES = Object.keys(THEME_PRESETS) as ThemeName[];

/** `var(--portal-x, <light value>)`: every element reads tokens this way. */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(`var(${name}, ${LIGHT[name]})`);
}

/** Declarations for a preset, for `:host([theme=…])` rules (static CSS; nothing is set through `style=`). */
export function presetDeclarations(preset: ThemePreset): CSSResult {
  return unsafeCSS(
    Object.entries(preset)
      .map(([name, value]) => `${name}: ${value};`)
      .join('\n'),
  );
}

/**
 * Applies a preset to any element through the CSSOM (allowed under a CSP without `unsafe-inline`), for pages
 * that theme a region without a `<portal-provider>`.
 */
export function applyTheme(target: HTMLElement, name: ThemeName): void {
  for (const [property, value] of Object.entries(THEME_PRESETS[name])) target.style.setProperty(property, value);
}

/**
 * A box of its own for elements that fill a region of the page (the scheduler, messages): their text colours
 * follow the theme preset, so they bring the preset's surface too, whatever the page behind them.
 */
export const surfaceStyles = css`
  :host {
    padding: calc(${token('--portal-space')} * 2);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
  }
`;

export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: ${token('--portal-color-text')};
    font-family: ${token('--portal-font-family')};
    font-size: ${token('--portal-font-size')};
    line-height: ${token('--portal-line-height')};
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: ${token('--portal-focus-ring')};
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline: 3px solid CanvasText;
    }
  }
`;
