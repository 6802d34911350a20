import type { AttachmentMeta, Message, MessageLimits, MessageTopic, Recipient } from '../../../model/index.js';
import type { ThreadRecord } from '../store.js';
import type { SeedContext } from './context.js';
import { PRACTITIONER_IDS } from './directory.js';

const TOPIC_SYSTEM = 'urn:portal-kit:demo-message-topic';
const topic = (code: string, display: string): MessageTopic => ({ system: TOPIC_SYSTEM, code, display });
const CLINICAL_TOPICS = [topic('medication', 'Medication question'), topic('results', 'Test results'), topic('symptoms', 'New or changed symptoms')];
const CLINIC_LIMITS: MessageLimits = { maxAttachments: 5, maxBytes: 10 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/png', 'application/pdf'], maxBodyLength: 1500 };

/**
 * Who the patient may write to: one of each recipient kind, so replies can route by kind. Topics and limits
 * differ per recipient, as they do in real portals: the billing office takes PDFs only, one per message, and
 * offers billing topics; a clinician's shorter body limit shows the counter's other state.
 */
export const RECIPIENTS: readonly Recipient[] = [
  {
    id: 'team-downtown',
    kind: 'care-team',
    name: 'Downtown Clinic care team',
    role: 'Nurses and front desk',
    topics: [...CLINICAL_TOPICS, topic('appointment', 'Appointment question')],
    limits: CLINIC_LIMITS,
  },
  { id: PRACTITIONER_IDS.okafor, kind: 'practitioner', name: 'Dr. Grace Okafor', role: 'Family medicine', topics: CLINICAL_TOPICS, limits: CLINIC_LIMITS },
  {
    id: PRACTITIONER_IDS.herrera,
    kind: 'practitioner',
    name: 'Dra. Lucía Herrera',
    role: 'Family medicine',
    topics: CLINICAL_TOPICS,
    limits: { ...CLINIC_LIMITS, maxAttachments: 3, maxBodyLength: 1000 },
  },
  {
    id: 'org-billing',
    kind: 'organization',
    name: 'Riverside Health Billing Office',
    role: 'Bills and insurance',
    topics: [topic('bill', 'A bill or statement'), topic('insurance', 'Insurance')],
    limits: { maxAttachments: 1, maxBytes: 5 * 1024 * 1024, contentTypes: ['application/pdf'], maxBodyLength: 1500 },
  },
];

/**
 * Bytes of the seeded attachments, by the URL their message names (fetchAttachment answers them): `text` (read as
 * UTF-8) or `base64`. A small but well-formed PDF and PNG, so the element's check of the bytes against the
 * declared type passes.
 */
export const SEED_ATTACHMENTS: Readonly<Record<string, { contentType: string; text?: string; base64?: string }>> = {
  // A drawing of a blood-pressure cuff on an arm, 120 × 80 px.
  'memory-attachment/how-to-wear-the-cuff.png': {
    contentType: 'image/png',
    base64: 'iVBORw0KGgoAAAANSUhEUgAAAHgAAABQCAIAAABd+SbeAAAAvUlEQVR42u3cMQ2AMBCG0ZrBRd1gp1IYKwgVhHRiJWH/Q+E1n4F7813LcQ4FKghAgxZo0KApgAYt0KBBUwANWqBBgxZo0AINGrQ+DL2sPRNo0KBBgwYN+rXQ+9YCxaAz4zwDDRo0aNCgQYMGDRo0aNCgQYMGDRo0aNCgQYMGDRo0aNCgQYMGPSu0TSUrYaBBgwYNGvRvr7Lq7bnKAg0aNGjQoEGDBg0aNGjQoEGDBg0aNGjQoEGD9u+dQE/YBTQTDq8duCemAAAAAElFTkSuQmCC',
  },
  'memory-attachment/lab-results-summary.pdf': {
    contentType: 'application/pdf',
    text:
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  },
};

interface SeedMessage {
  /** Author: the patient, or a recipient id. */
  from: 'patient' | string;
  day: number;
  hour: number;
  body: string;
  read?: boolean;
  /** Taken back by its sender (`entered-in-error`): shown as withdrawn, its text never. */
  withdrawn?: boolean;
  attachments?: AttachmentMeta[];
}

interface SeedThread {
  id: string;
  subject: string;
  topic?: string;
  participantIds: string[];
  messages: SeedMessage[];
}

// Covers the states a message list draws: a back-and-forth with a topic, a staff message with an attachment,
// a withdrawn message, and one unread message in the patient's own language.
const THREADS: readonly SeedThread[] = [
  {
    id: 'thread-blood-pressure',
    subject: 'Question about my blood pressure medication',
    topic: 'Medication question',
    participantIds: [PRACTITIONER_IDS.okafor],
    messages: [
      {
        from: 'patient',
        day: -6,
        hour: 8,
        body: 'Hi Dr. Okafor, since the new lisinopril dose I feel dizzy when I stand up. Should I keep taking it?',
      },
      {
        from: PRACTITIONER_IDS.okafor,
        day: -6,
        hour: 15,
        body:
          'Thank you for letting me know. Please keep taking it, stand up slowly, and check your blood pressure ' +
          'twice a day this week. Send me the readings and we will adjust the dose if needed.',
        attachments: [
          {
            title: 'How to wear the cuff.png',
            contentType: 'image/png',
            size: 246,
            url: 'memory-attachment/how-to-wear-the-cuff.png',
          },
        ],
      },
      {
        from: PRACTITIONER_IDS.okafor,
        day: -6,
        hour: 16,
        withdrawn: true,
        body: 'Please disregard: this note was meant for another patient.',
      },
      { from: 'patient', day: -5, hour: 9, body: 'Thank you, I will send the readings next week.' },
    ],
  },
  {
    id: 'thread-lab-results',
    subject: 'Your recent lab results',
    topic: 'Test results',
    participantIds: ['team-downtown'],
    messages: [
      {
        from: 'team-downtown',
        day: -13,
        hour: 10,
        body:
          'Your cholesterol panel and blood count are ready, and Dr. Okafor has reviewed them. A summary is attached. ' +
          'Your platelet count could not be measured, so we will draw a new sample at your next visit.',
        attachments: [
          {
            title: 'Lab results summary.pdf',
            contentType: 'application/pdf',
            size: SEED_ATTACHMENTS['memory-attachment/lab-results-summary.pdf'].text!.length,
            url: 'memory-attachment/lab-results-summary.pdf',
          },
        ],
      },
      { from: 'patient', day: -12, hour: 18, body: 'Gracias. ¿Tengo que estar en ayunas para la nueva muestra?' },
      { from: 'team-downtown', day: -11, hour: 9, body: 'No fasting is needed for a blood count. See you at your visit.' },
    ],
  },
  {
    id: 'thread-flu-reminder',
    subject: 'Recordatorio: vacuna contra la gripe',
    participantIds: [PRACTITIONER_IDS.herrera],
    messages: [
      {
        from: PRACTITIONER_IDS.herrera,
        day: -1,
        hour: 11,
        read: false,
        body:
          'Hola, ya puede ponerse la vacuna contra la gripe de esta temporada. Puede reservar una cita en línea ' +
          'en el Centro de Vacunación Comunitario.',
      },
    ],
  },
];

export function seedThreads(ctx: SeedContext, patientName: string): ThreadRecord[] {
  const random = ctx.random('messages');
  const names = new Map(RECIPIENTS.map((recipient) => [recipient.id, recipient.name]));
  return THREADS.map((thread) => ({
    id: thread.id,
    subject: thread.subject,
    ...(thread.topic ? { topic: thread.topic } : {}),
    // Participants are named only: what one may send them is the recipient list's to say.
    participants: RECIPIENTS.filter((recipient) => thread.participantIds.includes(recipient.id)).map(({ id, kind, name, role }) => ({ id, kind, name, ...(role ? { role } : {}) })),
    messages: thread.messages.map((message, index): Message => {
      const sentAt = ctx.at(message.day, message.hour, random.int(0, 59));
      return {
        id: `${thread.id.replace('thread-', 'msg-')}-${index + 1}`,
        threadId: thread.id,
        sentAt,
        // The patient's own messages reached the clinic's inbox within minutes, so the delivered state has data.
        ...(message.from === 'patient' ? { deliveredAt: ctx.plusMinutes(sentAt, 4) } : {}),
        fromPatient: message.from === 'patient',
        senderName: message.from === 'patient' ? patientName : (names.get(message.from) ?? 'Care team'),
        // A withdrawn message's words are not exposed, as the FHIR adapter hides them.
        body: message.withdrawn ? '' : message.body,
        attachments: message.withdrawn ? [] : (message.attachments ?? []).map((attachment) => ({ ...attachment })),
        status: message.withdrawn ? 'entered-in-error' : 'completed',
        withdrawn: message.withdrawn === true,
        read: message.read ?? true,
      };
    }),
  }));
}
