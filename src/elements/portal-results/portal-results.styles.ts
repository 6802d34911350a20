import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const resultsStyles = css`
  .toolbar {
    align-items: end;
  }
  .field {
    display: grid;
    gap: calc(${token('--portal-space')} / 2);
    flex: 1 1 12rem;
    min-inline-size: 0;
  }
  .field select,
  .field input {
    inline-size: 100%;
  }
  .reports,
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: ${token('--portal-space')};
  }
  .reports > li {
    content-visibility: auto;
    contain-intrinsic-size: auto 5rem;
  }
  .report-item {
    display: grid;
    gap: calc(${token('--portal-space')} / 2);
    inline-size: 100%;
    min-block-size: ${token('--portal-target-size')};
    padding: calc(${token('--portal-space')} * 1.5);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    color: inherit;
    font: inherit;
    text-align: start;
  }
  button.report-item {
    cursor: pointer;
  }
  .report-item[data-new] {
    border-inline-start: 4px solid ${token('--portal-color-accent')};
  }
  .report-item .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .meta,
  .zone {
    color: ${token('--portal-color-text-muted')};
    font-size: 0.9em;
  }
  .badge {
    display: inline-block;
    padding: 0 ${token('--portal-space')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-accent')};
    color: ${token('--portal-color-accent-contrast')};
    font-size: 0.85em;
    font-weight: 600;
  }
  .notice {
    margin: 0 0 calc(${token('--portal-space')} * 2);
    padding: calc(${token('--portal-space')} * 1.5);
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface-raised')};
  }
  a {
    color: ${token('--portal-color-accent')};
    display: inline-block;
    min-block-size: 24px;
  }
  .report-status {
    margin: 0;
    font-weight: 600;
  }
  .report-status[data-status='amended'],
  .report-status[data-status='corrected'],
  .report-status[data-status='preliminary'] {
    padding: calc(${token('--portal-space')} / 2) ${token('--portal-space')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-warning-surface')};
  }
  .conclusion {
    margin-block: calc(${token('--portal-space')} * 2);
    padding: calc(${token('--portal-space')} * 1.5);
    border-inline-start: 4px solid ${token('--portal-color-accent')};
    background: ${token('--portal-color-surface-raised')};
  }
  .conclusion h3 {
    margin: 0 0 calc(${token('--portal-space')} / 2);
    font-size: 1em;
  }
  .conclusion p {
    margin: 0;
    white-space: pre-wrap;
  }
  .result {
    padding: calc(${token('--portal-space')} * 1.5);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface')};
    overflow-wrap: anywhere;
  }
  .result p {
    margin: calc(${token('--portal-space')} / 2) 0 0;
  }
  .result-name {
    margin: 0;
    font-size: 1.05em;
  }
  .result[data-tone='abnormal'] {
    border-inline-start: 4px solid ${token('--portal-color-warning')};
  }
  .result[data-tone='critical'] {
    border-inline-start: 4px solid ${token('--portal-color-danger')};
    background: ${token('--portal-color-danger-surface')};
  }
  .members {
    margin-block-start: ${token('--portal-space')};
    padding-inline-start: ${token('--portal-space')};
  }
  .value {
    font-size: 1.15em;
  }
  .value-text {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .flag {
    font-weight: 600;
  }
  .flag .icon {
    display: inline-block;
    min-inline-size: 1.25em;
    text-align: center;
  }
  .flag[data-tone='abnormal'] {
    color: ${token('--portal-color-warning')};
  }
  .flag[data-tone='critical'] {
    color: ${token('--portal-color-danger')};
  }
  .flag[data-tone='normal'] {
    color: ${token('--portal-color-success')};
  }
  .status {
    font-size: 0.9em;
    font-weight: 600;
  }
  .note {
    white-space: pre-wrap;
  }
  .range ul {
    margin: 0;
    padding-inline-start: calc(${token('--portal-space')} * 2.5);
  }
  del {
    text-decoration-thickness: 2px;
  }
  .choice {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('--portal-space')};
  }
  .button.secondary {
    background: ${token('--portal-color-surface')};
    color: ${token('--portal-color-accent')};
  }
  form[part~='readings'] {
    display: grid;
    gap: calc(${token('--portal-space')} * 1.5);
    max-inline-size: 32rem;
  }
  .problem {
    color: ${token('--portal-color-danger')};
    font-weight: 600;
  }
  .button[disabled] {
    opacity: 0.7;
    cursor: progress;
  }
  .trend {
    margin-block-start: ${token('--portal-space')};
    display: grid;
    gap: ${token('--portal-space')};
  }
  .trend-chart {
    inline-size: 100%;
    max-inline-size: 28rem;
    block-size: auto;
  }
  .trend-chart .band {
    fill: ${token('--portal-color-success-surface')};
    stroke: ${token('--portal-color-success')};
    stroke-dasharray: 4 3;
  }
  .trend-chart .line {
    fill: none;
    stroke: ${token('--portal-color-accent')};
    stroke-width: 2;
  }
  .trend-chart .point {
    fill: ${token('--portal-color-accent')};
  }
  .trend-chart .point.reported {
    fill: ${token('--portal-color-surface')};
    stroke: ${token('--portal-color-accent')};
    stroke-width: 2;
  }
  .trend-table {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.9em;
  }
  .trend-table caption {
    text-align: start;
    font-weight: 600;
  }
  .trend-table th,
  .trend-table td {
    padding: calc(${token('--portal-space')} / 2);
    border-block-end: 1px solid ${token('--portal-color-border')};
    text-align: start;
    vertical-align: top;
  }
  .change {
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .trend-chart .band {
      fill: Canvas;
      stroke: CanvasText;
    }
    .trend-chart .line,
    .trend-chart .point {
      stroke: CanvasText;
      fill: CanvasText;
    }
    .result[data-tone='abnormal'],
    .result[data-tone='critical'],
    .report-item[data-new] {
      border-inline-start-color: CanvasText;
    }
  }
  @media print {
    :host {
      border: 0;
      padding: 0;
      color: #000;
      background: #fff;
    }
    [part~='back'],
    [part~='filters'],
    [part~='trend-toggle'],
    [part~='readings'],
    .button,
    .link-button {
      display: none;
    }
    a[part~='about']::after {
      content: ' (' attr(href) ')';
      font-size: 0.8em;
      overflow-wrap: anywhere;
    }
    .result {
      break-inside: avoid;
    }
  }
`;
