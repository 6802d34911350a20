import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const signInStyles = css`
  :host {
    display: inline-flex;
    max-width: 100%;
  }
  .bar {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    max-width: 100%;
    /* Its own surface, so the text tokens always sit on the background they were chosen for (a dark preset on a light
       header would otherwise be light on light). A header that wants it transparent sets ::part(base). */
    padding: calc(${token('--portal-space')} * 0.5) ${token('--portal-space')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    /* Spacing comes from margins, not column-gap: the status region stays in the DOM (so a change is announced)
       even when empty, and an empty flex item would still take a gap. */
    row-gap: ${token('--portal-space')};
  }
  .bar > :not(:last-child):not(:empty) {
    margin-inline-end: calc(${token('--portal-space')} * 1.5);
  }
  .status {
    color: ${token('--portal-color-text-muted')};
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .problem {
    margin: 0;
    flex: 1 1 100%;
    padding: calc(${token('--portal-space')} * 0.5) ${token('--portal-space')};
    border-inline-start: 4px solid ${token('--portal-color-danger')};
    background: ${token('--portal-color-danger-surface')};
  }
  .button {
    min-height: ${token('--portal-target-size')};
    min-width: ${token('--portal-target-size')};
    padding: 0 calc(${token('--portal-space')} * 2);
    border: 2px solid ${token('--portal-color-accent')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-accent')};
    color: ${token('--portal-color-accent-contrast')};
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .button.sign-out {
    background: transparent;
    color: ${token('--portal-color-text')};
  }
  .button[aria-disabled='true'] {
    cursor: progress;
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
    .button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }
    .problem {
      border-color: CanvasText;
    }
  }
`;
