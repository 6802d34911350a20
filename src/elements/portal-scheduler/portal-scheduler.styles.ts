import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const schedulerStyles = css`
  :host {
    container-type: inline-size;
  }
  .title {
    margin: 0 0 ${token('--portal-space')};
    font-size: 1.15em;
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: ${token('--portal-space')};
    margin-bottom: calc(${token('--portal-space')} * 2);
  }
  .filter {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .filter-label {
    font-size: 0.85em;
    font-weight: 600;
    color: ${token('--portal-color-text-muted')};
  }
  .filter select {
    min-height: max(${token('--portal-target-size')}, 2.5rem);
    max-width: 100%;
    padding: 0 0.5rem;
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    color: ${token('--portal-color-text')};
    font: inherit;
  }
  .filter.locked .filter-value {
    min-height: 2.5rem;
    display: flex;
    align-items: center;
    font-weight: 600;
  }
  .find {
    display: grid;
    grid-template-columns: minmax(16rem, 20rem) 1fr;
    gap: calc(${token('--portal-space')} * 2);
    align-items: start;
  }
  @container (max-width: 40rem) {
    .find {
      grid-template-columns: 1fr;
    }
  }
  .find[aria-busy='true'] .day-times {
    opacity: 0.6;
  }
  .empty,
  .no-availability {
    margin: 0;
    padding: ${token('--portal-space')};
    border: 1px dashed ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
  }
  .step .details {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.35rem 1rem;
    margin: 0 0 ${token('--portal-space')};
  }
  @container (max-width: 24rem) {
    .step .details {
      grid-template-columns: 1fr;
    }
    .step .details dd {
      margin-bottom: 0.5rem;
    }
  }
  .details dt {
    font-weight: 600;
    color: ${token('--portal-color-text-muted')};
  }
  .details dd {
    margin: 0;
  }
  .muted {
    color: ${token('--portal-color-text-muted')};
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
    margin-top: ${token('--portal-space')};
  }
  /* One button look for the step actions, alternatives, the view switch and the notes' buttons. */
  .actions button,
  .actions .button,
  .details .button,
  .alternatives button,
  .views button,
  .context-note button {
    display: inline-flex;
    align-items: center;
    min-height: max(${token('--portal-target-size')}, 2.5rem);
    padding: 0 1rem;
    border: 1px solid ${token('--portal-color-accent')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    color: ${token('--portal-color-accent')};
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  .actions .primary,
  .details .primary {
    background: ${token('--portal-color-accent')};
    color: ${token('--portal-color-accent-contrast')};
  }
  .actions [aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .alert {
    margin: 0 0 ${token('--portal-space')};
    padding: ${token('--portal-space')};
    border: 1px solid ${token('--portal-color-danger')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-danger-surface')};
    font-weight: 600;
  }
  .hold {
    font-variant-numeric: tabular-nums;
  }
  .alternatives {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
    margin: 0 0 ${token('--portal-space')};
    padding: 0;
    list-style: none;
  }
  .follow-up {
    margin-top: calc(${token('--portal-space')} * 2);
    padding: ${token('--portal-space')};
    border-inline-start: 4px solid ${token('--portal-color-accent')};
    background: ${token('--portal-color-surface-raised')};
  }
  .follow-up p {
    margin: 0;
  }
  .views {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
    margin-bottom: calc(${token('--portal-space')} * 2);
  }
  /* Pressed reads from shape and weight too (an underline bar), not from colour alone. */
  .views button[aria-pressed='true'] {
    background: ${token('--portal-color-accent')};
    color: ${token('--portal-color-accent-contrast')};
    text-decoration: underline;
    text-underline-offset: 4px;
  }
  @media (forced-colors: active) {
    .views button[aria-pressed='true'] {
      border-width: 3px;
    }
  }
  .context-note {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('--portal-space')};
    margin-bottom: calc(${token('--portal-space')} * 2);
    padding: ${token('--portal-space')};
    border-inline-start: 4px solid ${token('--portal-color-accent')};
    background: ${token('--portal-color-surface-raised')};
  }
  .context-note p {
    flex: 1 1 14rem;
    margin: 0;
  }
  .appointments {
    display: grid;
    gap: ${token('--portal-space')};
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .appointment {
    padding: calc(${token('--portal-space')} * 1.5);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
  }
  .appointment-title {
    margin: 0 0 ${token('--portal-space')};
    font-size: 1em;
  }
  .appointment .details {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.35rem 1rem;
    margin: 0;
  }
  @container (max-width: 24rem) {
    .appointment .details {
      grid-template-columns: 1fr;
    }
  }
  .cancel-question {
    margin-top: ${token('--portal-space')};
    padding: ${token('--portal-space')};
    border: 1px solid ${token('--portal-color-warning')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-warning-surface')};
  }
  .cancel-question .question {
    margin: 0;
    font-weight: 600;
  }
  .notice {
    margin: 0 0 ${token('--portal-space')};
    padding: ${token('--portal-space')};
    border: 1px solid ${token('--portal-color-success')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-success-surface')};
  }
  .notice:empty {
    margin: 0;
    padding: 0;
    border: 0;
  }
  .empty p {
    margin: 0;
  }
  .replaces {
    font-weight: 600;
  }
  :focus-visible {
    outline: ${token('--portal-focus-ring')};
    outline-offset: 2px;
  }
`;
