import { css } from 'lit';
import { token } from './tokens.js';

/**
 * What the patient-data elements draw alike inside their content: the view's title, the row of actions above a
 * list, a button that reads as a link, form fields, and a file picker whose button speaks the element's language
 * (the browser's own speaks the browser's). An element adds it before its own styles, which may refine it (the
 * fields' rule has no specificity of its own, so any element rule wins).
 */
export const contentStyles = css`
  :where(input:not([type='radio'], [type='checkbox'], [type='file']), select, textarea) {
    box-sizing: border-box;
    max-inline-size: 100%;
    min-block-size: ${token('--portal-target-size')};
    padding: 0 ${token('--portal-space')};
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    color: inherit;
    font: inherit;
  }
  :where([aria-invalid='true']) {
    border-color: ${token('--portal-color-danger')};
  }
  .title {
    margin: 0 0 ${token('--portal-space')};
    font-size: 1.25em;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
    align-items: center;
    margin-block-end: calc(${token('--portal-space')} * 2);
  }
  .link-button {
    min-block-size: ${token('--portal-target-size')};
    padding: 0;
    border: 0;
    background: none;
    color: ${token('--portal-color-accent')};
    font: inherit;
    text-align: start;
    text-decoration: underline;
    cursor: pointer;
  }
  /* The file input stays in the page, focusable and named by its label, but out of sight. */
  .file-input {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    opacity: 0;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .file-button {
    display: inline-flex;
    align-items: center;
    min-block-size: ${token('--portal-target-size')};
    padding: 0 calc(${token('--portal-space')} * 2);
    border: 1px solid ${token('--portal-color-accent')};
    border-radius: ${token('--portal-radius')};
    color: ${token('--portal-color-accent')};
    font-weight: normal;
    cursor: pointer;
  }
  .file-input:focus-visible + .file-button {
    outline: ${token('--portal-focus-ring')};
    outline-offset: 2px;
  }
  .file-input:disabled + .file-button {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;
