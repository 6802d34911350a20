import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const bannerStyles = css`
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 calc(${token('--portal-space')} * 2);
    padding: calc(${token('--portal-space')} * 1.5) calc(${token('--portal-space')} * 2);
    border: 1px solid ${token('--portal-color-border')};
    border-radius: ${token('--portal-radius')};
    background: ${token('--portal-color-surface-raised')};
  }
  .label {
    color: ${token('--portal-color-text-muted')};
    font-size: 0.875em;
  }
  .name {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(${token('--portal-space')} * 2);
    margin: 0;
    padding: 0;
    list-style: none;
    color: ${token('--portal-color-text-muted')};
  }
`;
