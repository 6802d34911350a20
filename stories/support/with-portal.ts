import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createMemoryAdapter, type MemoryAdapterOptions } from '../../src/api/memory/index.js';
import type { PortalApi } from '../../src/api/portal-api.js';
import type { Session } from '../../src/model/session.js';

/** Per-story settings: `parameters: { portal: { memory: { latencyMs: 1e9 } } }`. */
export interface PortalParameters {
  memory?: MemoryAdapterOptions;
  /** Another adapter instead of the memory one (built fresh per render), e.g. the FHIR adapter on a stand-in server. */
  api?: () => PortalApi;
  /** Leave the provider without an api, to show the not-configured state. */
  noApi?: boolean;
  /** Overrides the toolbar's session. */
  session?: Session['status'];
  /** Scopes the server granted (signed in only); absent: a host-managed session that states none. */
  grantedScopes?: string[];
}

/** The seeded patient the memory adapter signs in as. */
export const STORY_PATIENT_ID = 'patient-ana-mejia';

function sessionOf(status: Session['status'], scopes?: string[]): Session {
  return status === 'signed-in' ? { status, patientId: STORY_PATIENT_ID, scopes } : ({ status } as Session);
}

/**
 * Wraps every story in a `<portal-provider>` holding a fresh memory adapter, with the toolbar's language,
 * direction, theme and session applied, so each story shows one state of one element in isolation.
 */
export const withPortal: Decorator = (story, context) => {
  const portal = (context.parameters.portal ?? {}) as PortalParameters;
  const api = portal.noApi ? undefined : (portal.api?.() ?? createMemoryAdapter({ patientId: STORY_PATIENT_ID, ...portal.memory }));
  const session = sessionOf(portal.session ?? context.globals.session ?? 'signed-in', portal.grantedScopes);
  const theme = context.globals.theme ?? 'light';
  const surface = theme === 'dark' ? 'story-surface dark' : 'story-surface';
  return html`<style>
      .story-surface {
        padding: 1rem;
      }
      .story-surface.dark {
        background: #0f1317;
        color: #e8ebef;
      }
    </style>
    <div class=${surface} dir=${context.globals.dir ?? 'ltr'}>
      <portal-provider .api=${api} .session=${session} lang=${context.globals.locale ?? 'en'} theme=${theme}>
        ${story()}
      </portal-provider>
    </div>`;
};
