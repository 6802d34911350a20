import { css, html, nothing, type TemplateResult } from 'lit';
import { isApiError } from '../api/errors.js';
import type { LocalizeController } from '../controllers/localize.js';
import type { MessageKey } from '../i18n/index.js';
import { token } from '../styles/tokens.js';

/** Styles for the shared states; elements add them to their `static styles`. */
export const stateStyles = css`
  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('--portal-space')};
    padding: calc(${token('--portal-space')} * 2);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface-raised')};
  }
  .state[data-tone='error'] {
    border-color: ${token('--portal-color-danger')};
    background: ${token('--portal-color-danger-surface')};
  }
  .state p {
    margin: 0;
    flex: 1 1 12rem;
  }
  .spinner {
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 50%;
    border: 3px solid ${token('--portal-color-border')};
    border-top-color: ${token('--portal-color-accent')};
    animation: spin 0.9s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .button {
    min-height: ${token('--portal-target-size')};
    min-width: ${token('--portal-target-size')};
    padding: 0 calc(${token('--portal-space')} * 2);
    border: 1px solid ${token('--portal-color-accent')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-accent')};
    color: ${token('--portal-color-accent-contrast')};
    font: inherit;
    cursor: pointer;
  }
  .button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
    .button:disabled {
      border-color: GrayText;
      color: GrayText;
    }
  }
`;

export function renderLoading(l10n: LocalizeController): TemplateResult {
  return html`<div class="state" part="state loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span>
    <p>${l10n.t('common.loading')}</p>
  </div>`;
}

/** A failed request: what happened in the person's language, and a retry when retrying can help. */
export function renderError(l10n: LocalizeController, error: unknown, onRetry?: () => void): TemplateResult {
  const kind = isApiError(error) ? error.kind : 'server';
  const retryable = isApiError(error) ? error.retryable : true;
  return html`<div class="state" part="state error" data-tone="error" role="alert">
    <p>${l10n.t(`error.${kind}` as MessageKey)}</p>
    ${retryable && onRetry
      ? html`<button class="button" part="button retry" type="button" @click=${onRetry}>${l10n.t('common.retry')}</button>`
      : nothing}
  </div>`;
}

export function renderNotice(l10n: LocalizeController, key: MessageKey, action?: { label: MessageKey; run: () => void }): TemplateResult {
  return html`<div class="state" part="state notice">
    <p>${l10n.t(key)}</p>
    ${action
      ? html`<button class="button" part="button sign-in" type="button" @click=${action.run}>${l10n.t(action.label)}</button>`
      : nothing}
  </div>`;
}
