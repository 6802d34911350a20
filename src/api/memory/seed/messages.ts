import type { AttachmentMeta, Message, Recipient } from '../../../model/index.js';
import type { ThreadRecord } from '../store.js';
import type { SeedContext } from './context.js';
import { PRACTITIONER_IDS } from './directory.js';

/** Who the patient may write to: one of each recipient kind, so replies can route by kind. */
export const RECIPIENTS: readonly Recipient[] = [
  { id: 'team-downtown', kind: 'care-team', name: 'Downtown Clinic care team', role: 'Nurses and front desk' },
  { id: PRACTITIONER_IDS.okafor, kind: 'practitioner', name: 'Dr. Grace Okafor', role: 'Family medicine' },
  { id: PRACTITIONER_IDS.herrera, kind: 'practitioner', name: 'Dra. Lucía Herrera', role: 'Family medicine' },
  { id: 'org-billing', kind: 'organization', name: 'Riverside Health Billing Office', role: 'Bills and insurance' },
];

interface SeedMessage {
  /** Author: the patient, or a recipient id. */
  from: 'patient' | string;
  day: number;
  hour: number;
  body: string;
  read?: boolean;
  attachments?: AttachmentMeta[];
}

interface SeedThread {
  id: string;
  subject: string;
  participantIds: string[];
  messages: SeedMessage[];
}

// Covers the states a message list draws: a back-and-forth, a staff message with an attachment, and one
// unread message in the patient's own language.
const THREADS: readonly SeedThread[] = [
  {
    id: 'thread-blood-pressure',
    subject: 'Question about my blood pressure medication',
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
      },
      { from: 'patient', day: -5, hour: 9, body: 'Thank you, I will send the readings next week.' },
    ],
  },
  {
    id: 'thread-lab-results',
    subject: 'Your recent lab results',
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
            size: 48_213,
            url: 'https://portal.example.org/attachments/lab-results-summary.pdf',
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
    participants: RECIPIENTS.filter((recipient) => thread.participantIds.includes(recipient.id)).map((r) => ({ ...r })),
    messages: thread.messages.map(
      (message, index): Message => ({
        id: `${thread.id.replace('thread-', 'msg-')}-${index + 1}`,
        threadId: thread.id,
        sentAt: ctx.at(message.day, message.hour, random.int(0, 59)),
        fromPatient: message.from === 'patient',
        senderName: message.from === 'patient' ? patientName : (names.get(message.from) ?? 'Care team'),
        body: message.body,
        attachments: (message.attachments ?? []).map((attachment) => ({ ...attachment })),
        status: 'completed',
        read: message.read ?? true,
      }),
    ),
  }));
}
