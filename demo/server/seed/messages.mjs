// @ts-check
/**
 * Secure-message threads between each patient and the care team, shaped the way the adapter threads them
 * (src/api/fhir/map/messaging.ts): the first Communication of a thread carries `topic.text` (the subject);
 * every reply points `partOf` at that root and `inResponseTo` at the message it answers. Staff write as
 * their PractitionerRole (the ids the recipient list offers), so a reply goes back to the same person.
 * A staff message the patient has read has `received`; one without it is unread.
 *
 * The shapes `<portal-messages>` must handle are all here: a thread whose replies are linked only by
 * `inResponseTo` (as Oracle Health links them), a coded topic beside the subject, a message withdrawn by its
 * sender (`entered-in-error`), and an attachment stored as a Binary that only the patient may read.
 */
import { SYSTEMS, concept, pick, ref } from './common.mjs';
import { CLINICIANS, clinicianRef } from './places.mjs';
import { PATIENTS, careTeamId, patientRef } from './patients.mjs';
import { addDays, formatInstant, zonedInstant } from './time.mjs';
import { TOPIC_SYSTEM, topicDisplay } from '../../message-topics.mjs';

/** @typedef {import('@medplum/fhirtypes').Communication} Communication */
/** @typedef {import('@medplum/fhirtypes').Reference} Reference */
/** @typedef {import('@medplum/fhirtypes').Binary} Binary */
/** @typedef {import('./patients.mjs').SeedPatient} SeedPatient */
/** @typedef {import('./places.mjs').Clinician} Clinician */

/**
 * @typedef {{ title: string, contentType: string, text: string }} AttachmentDef
 * @typedef {{ from: 'patient' | Clinician, day: number, hour: number, body: string, unread?: true, withdrawn?: true,
 *   attachment?: AttachmentDef }} MessageDef
 * @typedef {{ key: string, patient: SeedPatient, subject: string, with: 'team' | Clinician,
 *   category: 'notification' | 'reminder' | 'instruction' | 'alert', about?: Reference, topic?: { code: string, display: string },
 *   repliesByInResponseToOnly?: true, messages: MessageDef[] }} ThreadDef
 */

export { TOPIC_SYSTEM };

/** A one-page PDF small enough to read in a test, well-formed so a check of its bytes passes. */
const A1C_TREND_PDF =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

const { daniel, mia, maria } = PATIENTS;
const { hart, bell, liu, patel, herrera, alvarez } = CLINICIANS;

/** @type {ThreadDef[]} */
const THREADS = [
  {
    key: 'daniel-a1c', patient: daniel, subject: 'Question about my A1c result', with: hart, category: 'notification',
    about: ref('DiagnosticReport', 'dr-daniel-a1c-5', 'Hemoglobin A1c'), topic: { code: 'results', display: topicDisplay('results') },
    messages: [
      { from: 'patient', day: -18, hour: 19, body: 'Hi Dr. Hart, I saw my A1c went down to 6.6. Does that mean I can stop the metformin?' },
      {
        from: hart, day: -17, hour: 12, body: 'Good news indeed, Daniel: the metformin and your walks are working. Please keep taking it for now. We will look at your kidney numbers and the dose together at your visit. Your A1c trend is attached.',
        attachment: { title: 'A1c trend.pdf', contentType: 'application/pdf', text: A1C_TREND_PDF },
      },
      { from: 'patient', day: -17, hour: 18, body: 'Thanks, I will keep taking it. See you then.' },
    ],
  },
  {
    key: 'daniel-refill', patient: daniel, subject: 'Atorvastatin refill', with: 'team', category: 'instruction',
    topic: { code: 'medication', display: topicDisplay('medication') }, repliesByInResponseToOnly: true,
    messages: [
      { from: 'patient', day: -9, hour: 8, body: 'Could you send a refill of my atorvastatin 20 mg to my usual pharmacy? I have five tablets left.' },
      { from: bell, day: -8, hour: 10, body: 'Done. Dr. Hart approved a 90-day refill and it was sent to your pharmacy on file. It should be ready tomorrow afternoon.' },
      { from: bell, day: -3, hour: 16, body: 'A reminder for your next visit: please come fasting (water is fine) so we can repeat your potassium and kidney tests before you see Dr. Hart.', unread: true },
    ],
  },
  {
    key: 'daniel-flu', patient: daniel, subject: 'Flu vaccines are here', with: liu, category: 'reminder',
    messages: [
      { from: liu, day: -2, hour: 9, body: 'This season’s flu vaccine has arrived at the Eastside Vaccination Center. You can book a time online or walk in Monday to Saturday, 8 a.m. to 6 p.m.', unread: true },
    ],
  },
  {
    key: 'mia-checkup', patient: mia, subject: 'Mia’s check-up', with: patel, category: 'reminder',
    messages: [
      { from: patel, day: -21, hour: 11, body: 'Hello from Dr. Patel’s office. Mia is due for her yearly check-up. Please book a well-child visit at a time that suits you.' },
      { from: patel, day: -21, hour: 12, withdrawn: true, body: 'Please ignore the reminder about Mia’s flu shot: it was sent to the wrong family.' },
      { from: 'patient', day: -20, hour: 20, body: 'Thank you! We will book one after school. Should we bring her vaccination card?' },
      { from: patel, day: -19, hour: 9, body: 'Yes, please bring it, and any forms the school needs signed. Her vaccines are up to date.' },
    ],
  },
  {
    key: 'maria-resultados', patient: maria, subject: 'Resultados de laboratorio', with: herrera, category: 'notification',
    about: ref('DiagnosticReport', 'dr-maria-ferritin-2', 'Ferritin'),
    messages: [
      { from: herrera, day: -42, hour: 13, body: 'Hola, María José. Sus resultados de hierro y hemoglobina mejoraron mucho. Siga tomando el sulfato ferroso una vez al día por tres meses más. Su vitamina D está baja; le enviamos una receta.' },
      { from: 'patient', day: -41, hour: 21, body: '¡Muchas gracias, doctora! ¿Debo tomar el hierro con el estómago vacío?' },
      { from: herrera, day: -40, hour: 8, body: 'Sí, de preferencia una hora antes del desayuno, con jugo de naranja. Evite tomarlo con café, té o leche.' },
    ],
  },
  {
    key: 'maria-cita', patient: maria, subject: 'Cambio de cita', with: 'team', category: 'instruction',
    messages: [
      { from: 'patient', day: -6, hour: 7, body: 'Buenos días. ¿Puedo cambiar mi cita a la tarde? Trabajo hasta las dos.' },
      { from: alvarez, day: -5, hour: 11, body: 'Claro que sí. Cambiamos su cita con la Dra. Herrera a la tarde; la nueva hora aparece en el portal. Si necesita algo más, llámenos al (773) 555-0186.', unread: true },
    ],
  },
  {
    key: 'maria-vaccine-record', patient: maria, subject: 'Your vaccine record', with: alvarez, category: 'notification',
    messages: [
      { from: alvarez, day: -1, hour: 15, body: 'We added the flu shot you told us about to your vaccine record. If you still have the pharmacy receipt, please bring it to your next visit so we can add the lot number.', unread: true },
    ],
  },
];

/**
 * @param {string} today
 * @returns {(Communication | Binary)[]}
 */
export function messageResources(today) {
  /** @type {(Communication | Binary)[]} */
  const out = [];
  for (const thread of THREADS) {
    const { patient } = thread;
    const team = ref('CareTeam', careTeamId(patient), patient.teamName);
    const staff = thread.with === 'team' ? team : clinicianRef(thread.with);
    /** @type {string | undefined} */
    let root;
    /** @type {string | undefined} */
    let previous;
    thread.messages.forEach((m, i) => {
      const id = `msg-${thread.key}-${i + 1}`;
      const epoch = Date.parse(zonedInstant(patient.zone, addDays(today, m.day), m.hour, pick(id, 0, 59)));
      const fromPatient = m.from === 'patient';
      /** @type {Communication} */
      const message = {
        resourceType: 'Communication',
        id,
        status: 'completed',
        category: [concept(SYSTEMS.communicationCategory, thread.category)],
        subject: patientRef(patient),
        sent: formatInstant(epoch, patient.zone),
        sender: m.from === 'patient' ? patientRef(patient) : clinicianRef(m.from),
        // The patient writes to the person or team of the thread; staff write to the patient.
        recipient: fromPatient ? [staff] : [patientRef(patient)],
        payload: [{ contentString: m.body }],
      };
      // Withdrawn by its sender: stays in the thread, and portals show it as withdrawn.
      if (m.withdrawn) message.status = 'entered-in-error';
      if (m.attachment) {
        const data = Buffer.from(m.attachment.text, 'latin1').toString('base64');
        /** @type {Binary} */
        const binary = { resourceType: 'Binary', id: `bin-${id}`, contentType: m.attachment.contentType, securityContext: patientRef(patient), data };
        out.push(binary);
        message.payload?.push({
          contentAttachment: { contentType: m.attachment.contentType, url: `Binary/${binary.id}`, size: m.attachment.text.length, title: m.attachment.title },
        });
      }
      // Arrived at the clinic's inbox within minutes; read by the patient a few hours later.
      if (fromPatient) message.received = formatInstant(epoch + 4 * 60_000, patient.zone);
      else if (!m.unread) message.received = formatInstant(epoch + pick(`${id}-read`, 1, 5) * 3_600_000, patient.zone);
      if (root === undefined) {
        message.topic = { text: thread.subject, ...(thread.topic ? { coding: [{ system: TOPIC_SYSTEM, ...thread.topic }] } : {}) };
        if (thread.about) message.about = [thread.about];
      } else {
        // Oracle Health-style threads link each reply to the one before only; the rest also name the root.
        if (!thread.repliesByInResponseToOnly) message.partOf = [ref('Communication', root)];
        message.inResponseTo = [ref('Communication', /** @type {string} */ (previous))];
      }
      out.push(message);
      root ??= id;
      previous = id;
    });
  }
  return out;
}
