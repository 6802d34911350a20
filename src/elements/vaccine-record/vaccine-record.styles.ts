import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const vaccineRecordStyles = css`
  section + section,
  .actions,
  .report,
  .verify,
  .card-section {
    margin-block-start: calc(${token('--portal-space')} * 3);
  }
  .toolbar,
  .actions,
  .date-parts {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
    align-items: center;
  }
  .toolbar {
    justify-content: space-between;
    margin-block-end: calc(${token('--portal-space')} * 2);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
  }
  .order {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
    align-items: center;
  }
  .order legend {
    float: inline-start;
    margin-inline-end: ${token('--portal-space')};
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: calc(${token('--portal-space')} / 2);
    min-block-size: ${token('--portal-target-size')};
  }
  .choice input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
  }
  .doses,
  .details,
  .verdicts {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .doses,
  .groups,
  .verdicts {
    display: grid;
    gap: ${token('--portal-space')};
  }
  .dose,
  .verdict {
    padding: calc(${token('--portal-space')} * 1.5);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface-raised')};
    overflow-wrap: anywhere;
  }
  .dose[data-status='not-done'] {
    border-style: dashed;
  }
  .dose[data-reported] {
    border-inline-start: 4px solid ${token('--portal-color-warning')};
  }
  .dose[data-forecast='overdue'] {
    border-inline-start: 4px solid ${token('--portal-color-warning')};
  }
  .dose-name,
  .group-name {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .group-name {
    font-size: 1.1em;
  }
  .dose p,
  .verdict p,
  .group p {
    margin: 0.25em 0 0;
  }
  .details li {
    display: inline;
  }
  .details li + li::before {
    content: ' · ';
  }
  .meta {
    color: ${token('--portal-color-text-muted')};
    font-size: 0.9em;
  }
  .reported {
    font-weight: 600;
    color: ${token('--portal-color-warning')};
  }
  .notice,
  .saved {
    margin: 0;
    padding: ${token('--portal-space')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface-raised')};
  }
  .saved {
    background: ${token('--portal-color-success-surface')};
    margin-block-end: ${token('--portal-space')};
  }
  .verdict[data-tone='success'] {
    background: ${token('--portal-color-success-surface')};
    border-color: ${token('--portal-color-success')};
  }
  .verdict[data-tone='warning'] {
    background: ${token('--portal-color-warning-surface')};
    border-color: ${token('--portal-color-warning')};
  }
  .verdict[data-tone='danger'] {
    background: ${token('--portal-color-danger-surface')};
    border-color: ${token('--portal-color-danger')};
  }
  .verdict-words,
  .wrong-patient {
    font-weight: 600;
  }
  /* Links drawn as buttons (booking, the card file) read as the buttons beside them: no underline, text centred. */
  a.button,
  .actions .button,
  .dose .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    text-decoration: none;
  }
  .button.secondary {
    background: ${token('--portal-color-surface')};
    color: ${token('--portal-color-accent')};
  }
  .link-button,
  .about {
    display: inline-flex;
    align-items: center;
  }
  .about {
    min-block-size: ${token('--portal-target-size')};
    color: ${token('--portal-color-accent')};
  }
  .field {
    display: grid;
    gap: calc(${token('--portal-space')} / 2);
    margin-block-end: calc(${token('--portal-space')} * 1.5);
  }
  label {
    font-weight: 600;
  }
  .choice {
    font-weight: normal;
  }
  .date-parts span {
    display: grid;
    gap: calc(${token('--portal-space')} / 2);
  }
  textarea {
    inline-size: 100%;
    padding: ${token('--portal-space')};
    font-family: ui-monospace, monospace;
  }
  #report-vaccine,
  #report-place {
    inline-size: 100%;
  }
  [aria-invalid='true'] {
    border-color: ${token('--portal-color-danger')};
    border-width: 2px;
  }
  .problems,
  .failed {
    padding: ${token('--portal-space')};
    border: 1px solid ${token('--portal-color-danger')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-danger-surface')};
    margin-block-end: ${token('--portal-space')};
  }
  .problems p,
  .problems ul {
    margin: 0;
  }
  .problems a {
    color: inherit;
  }
  .field-problem {
    margin: 0;
    color: ${token('--portal-color-danger')};
    font-weight: 600;
  }
  .files {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
    margin-block-end: calc(${token('--portal-space')} * 1.5);
  }
  .file-button {
    background: ${token('--portal-color-surface')};
  }
  video {
    display: block;
    inline-size: 100%;
    max-inline-size: 24rem;
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface-raised')};
  }
  .my-cards {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(${token('--portal-space')} * 2);
  }
  .my-card {
    display: grid;
    gap: ${token('--portal-space')};
    justify-items: start;
  }
  .card-number {
    margin: 0;
    font-size: 1rem;
  }
  .qr {
    margin: 0;
    display: grid;
    gap: ${token('--portal-space')};
  }
  /* Dark on light whatever the theme, as readers need; large enough to scan from a phone held at arm's length. */
  .qr svg {
    inline-size: min(100%, 20rem);
    block-size: auto;
    aspect-ratio: 1;
    background: #fff;
    border-radius: ${token('--portal-radius')};
  }
  /* One printed page for a school or camp form: the record and what is due, without buttons or forms. */
  @media print {
    :host {
      border: 0;
      padding: 0;
      color: #000;
      background: #fff;
    }
    .toolbar,
    .actions,
    .no-print,
    .report,
    .verify,
    .button,
    .about {
      display: none !important;
    }
    /* The specification sizes a card's code to scan at 40 mm square. */
    .qr svg {
      inline-size: 45mm;
    }
    .dose {
      break-inside: avoid;
      background: none;
      padding: 0.25em 0;
      border: 0;
      border-block-end: 1px solid #999;
    }
  }
  @media (forced-colors: active) {
    .dose[data-reported],
    .dose[data-forecast='overdue'] {
      border-inline-start-color: CanvasText;
    }
  }
`;
