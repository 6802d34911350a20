import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const messagesStyles = css`
  .threads,
  .messages {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: ${token('--portal-space')};
  }
  /* Long inboxes and threads stay smooth: the browser lays out and paints only the items near the screen. */
  .threads > li,
  .messages > li {
    content-visibility: auto;
    contain-intrinsic-size: auto 6rem;
  }
  .thread {
    display: block;
    inline-size: 100%;
    box-sizing: border-box;
    min-block-size: ${token('--portal-target-size')};
    padding: calc(${token('--portal-space')} * 1.5);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .thread[data-unread] {
    border-inline-start: 4px solid ${token('--portal-color-accent')};
  }
  .thread .subject {
    display: block;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .thread[data-unread] .subject::after {
    content: '';
  }
  .meta,
  .muted {
    color: ${token('--portal-color-text-muted')};
    font-size: 0.9em;
  }
  .badge {
    display: inline-block;
    margin-inline-start: ${token('--portal-space')};
    padding: 0 ${token('--portal-space')};
    border-radius: 999px;
    background: ${token('--portal-color-accent')};
    color: ${token('--portal-color-accent-contrast')};
    font-size: 0.85em;
    font-weight: 600;
  }
  .message {
    padding: calc(${token('--portal-space')} * 1.5);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface-raised')};
    max-inline-size: 42rem;
  }
  .message[data-mine] {
    margin-inline-start: auto;
    background: ${token('--portal-color-surface')};
  }
  .message h3,
  [part~='thread-view'] > .meta {
    margin: 0;
    font-weight: 600;
  }
  [part~='thread-view'] > .meta {
    font-weight: normal;
  }
  .message .body {
    margin: calc(${token('--portal-space')} / 2) 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .message[data-withdrawn] .body {
    font-style: italic;
    color: ${token('--portal-color-text-muted')};
  }
  a {
    color: ${token('--portal-color-accent')};
  }
  form {
    display: grid;
    gap: calc(${token('--portal-space')} * 1.5);
    margin-block-start: calc(${token('--portal-space')} * 2);
  }
  label {
    display: grid;
    gap: calc(${token('--portal-space')} / 2);
    font-weight: 600;
  }
  select,
  input,
  textarea {
    inline-size: 100%;
    padding: ${token('--portal-space')};
    font-weight: normal;
  }
  textarea {
    min-block-size: 8rem;
    resize: vertical;
  }
  :is(select, input, textarea, button, a):focus-visible {
    outline: ${token('--portal-focus-ring')};
    outline-offset: 2px;
  }
  .notice {
    margin: 0;
    padding: ${token('--portal-space')} calc(${token('--portal-space')} * 1.5);
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface-raised')};
  }
  .notice[data-tone='warning'] {
    background: ${token('--portal-color-warning-surface')};
    color: ${token('--portal-color-text')};
  }
  .alert {
    margin: 0;
    padding: ${token('--portal-space')} calc(${token('--portal-space')} * 1.5);
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-danger-surface')};
    color: ${token('--portal-color-text')};
  }
  .alert p {
    margin: 0;
  }
  .sent {
    margin: 0;
    padding: ${token('--portal-space')} calc(${token('--portal-space')} * 1.5);
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-success-surface')};
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
  }
  .files,
  .attached {
    list-style: none;
    margin: ${token('--portal-space')} 0 0;
    padding: 0;
    display: grid;
    gap: calc(${token('--portal-space')} / 2);
  }
  .image {
    margin: 0;
  }
  .image img {
    display: block;
    max-inline-size: min(100%, 24rem);
    block-size: auto;
    border-radius: ${token('--portal-radius')};
  }
  dialog {
    max-inline-size: min(32rem, calc(100vw - 2rem));
    padding: calc(${token('--portal-space')} * 2);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    color: ${token('--portal-color-text')};
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
`;
