/**
 * A stand-in for a FHIR server that stores message bodies as markup, the way some EHRs keep what a clinician
 * wrote: one message as an inline XHTML attachment (with a script, a tracking image and a link among its tags),
 * one as HTML (line breaks, entities, a style block), one only in its narrative. The real FHIR adapter reads
 * them, so the story shows exactly what a patient would see: plain words, line breaks kept, nothing run or loaded.
 * Each call to `markupMessagesFetch()` starts a fresh store, so a reply written in one story stays in it.
 */
import { json, outcome, requestOf, searchset, type Resource } from './fhir-stand-in.js';
import { STORY_PATIENT_ID } from './with-portal.js';

export const MARKUP_STORY_BASE = 'https://markup-messages.example.org/fhir';

const PATIENT = `Patient/${STORY_PATIENT_ID}`;
const CLINICIAN = 'Practitioner/pr-lee';
const practitioner = { resourceType: 'Practitioner', id: 'pr-lee', name: [{ prefix: ['Dr.'], given: ['Hana'], family: 'Lee' }] };
const role = { resourceType: 'PractitionerRole', id: 'role-lee', active: true, practitioner: { reference: CLINICIAN }, code: [{ text: 'Family medicine' }] };

/** UTF-8 text as base64, as a FHIR attachment's `data` holds it. */
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

const XHTML_BODY =
  '<div xmlns="http://www.w3.org/1999/xhtml"><p>Dear Ana,</p><p>Your <b>blood count</b> is normal. Keep taking your iron ' +
  'tablets until we meet.</p><script>window.alert("from the server")</script><img src="https://tracker.example/pixel.gif" ' +
  'onerror="alert(1)"/><p>More about iron: <a href="https://medlineplus.gov/iron.html" onclick="steal()">MedlinePlus</a></p>' +
  '<p>Dr. Lee</p></div>';
const HTML_BODY =
  '<html><head><style>p { color: red }</style></head><body>Your appointment is confirmed.<br>Please bring your ' +
  'insurance card &amp; a list of your medicines.<br><br>Questions? Call 555&#8209;0142.</body></html>';

function communications(): Resource[] {
  const base = { resourceType: 'Communication', status: 'completed', subject: { reference: PATIENT } };
  return [
    {
      ...base,
      id: 'msg-xhtml',
      sender: { reference: CLINICIAN },
      recipient: [{ reference: PATIENT }],
      sent: '2026-11-30T14:05:00Z',
      topic: { text: 'Your blood test' },
      payload: [{ contentAttachment: { contentType: 'application/xhtml+xml', data: base64(XHTML_BODY) } }],
    },
    {
      ...base,
      id: 'msg-reply',
      partOf: [{ reference: 'Communication/msg-xhtml' }],
      inResponseTo: [{ reference: 'Communication/msg-xhtml' }],
      sender: { reference: PATIENT },
      recipient: [{ reference: CLINICIAN }],
      sent: '2026-11-30T16:20:00Z',
      payload: [{ contentString: 'Thank you! Should I take them with food?' }],
    },
    {
      ...base,
      id: 'msg-html',
      sender: { reference: CLINICIAN },
      recipient: [{ reference: PATIENT }],
      sent: '2026-11-28T09:00:00Z',
      topic: { text: 'Appointment confirmed' },
      payload: [{ contentAttachment: { contentType: 'text/html; charset=utf-8', data: base64(HTML_BODY) } }],
    },
    {
      ...base,
      id: 'msg-narrative',
      sender: { reference: CLINICIAN },
      recipient: [{ reference: PATIENT }],
      sent: '2026-11-20T18:30:00Z',
      topic: { text: 'Flu shots are here' },
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Flu shots are available at every clinic.</p><p>No appointment needed.</p></div>' },
    },
  ];
}

const capabilityStatement = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [{ mode: 'server', resource: [{ type: 'Communication', interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }] }] }],
};

/** A `fetch` for `createFhirAdapter({ baseUrl: MARKUP_STORY_BASE, fetch })`, with its own store of messages. */
export function markupMessagesFetch(): typeof fetch {
  const store = new Map(communications().map((resource) => [resource.id, resource]));
  let created = 0;
  return async (input, init = {}) => {
    const { method, path, url, body } = requestOf(MARKUP_STORY_BASE, input, init);
    if (method === 'GET' && path === 'metadata') return json(capabilityStatement);
    if (method === 'GET' && path === 'CareTeam') return json(searchset(MARKUP_STORY_BASE, []));
    if (method === 'GET' && path === 'PractitionerRole') return json(searchset(MARKUP_STORY_BASE, [role], [practitioner]));
    if (method === 'GET' && path === 'Communication') {
      // Nothing changes behind the story's back: a "what changed since" poll finds nothing new.
      if (url.searchParams.has('_lastUpdated')) return json(searchset(MARKUP_STORY_BASE, []));
      return json(searchset(MARKUP_STORY_BASE, [...store.values()], [practitioner]));
    }
    const [type, id] = path.split('/');
    if (type === 'Communication' && id && method === 'GET') return store.has(id) ? json(store.get(id)) : outcome(404, 'not-found', 'No such message');
    if (type === 'Communication' && id && method === 'PUT') {
      const stored = { ...(body as Resource), id, meta: { versionId: String(Date.now()) } };
      store.set(id, stored);
      return json(stored);
    }
    if (path === 'Communication' && method === 'POST') {
      const stored = { ...(body as Resource), id: `sent-${++created}` };
      store.set(stored.id, stored);
      return json(stored, 201);
    }
    return outcome(404, 'not-found', `The stand-in does not answer ${method} ${path}`);
  };
}
