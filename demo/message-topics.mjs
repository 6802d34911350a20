// @ts-check
/**
 * The topics the demo practice offers a patient writing to the care team: the seed files its coded threads under
 * them (demo/server/seed/messages.mjs), and the signed-in page gives them to the FHIR adapter (FHIR publishes no
 * such list), in the page's language.
 */
export const TOPIC_SYSTEM = 'urn:portal-kit:demo-message-topic';

/** @type {ReadonlyArray<{ code: string, en: string, es: string }>} */
export const DEMO_TOPICS = [
  { code: 'medication', en: 'Medication question', es: 'Pregunta sobre un medicamento' },
  { code: 'refill', en: 'Prescription renewal', es: 'Renovación de receta' },
  { code: 'results', en: 'Test results', es: 'Resultados de pruebas' },
  { code: 'appointment', en: 'Appointment question', es: 'Pregunta sobre una cita' },
  { code: 'billing', en: 'Billing question', es: 'Pregunta sobre facturación' },
  { code: 'other', en: 'Something else', es: 'Otro tema' },
];

/** The topic's words in English, as the seed stores them on a thread. @param {string} code */
export function topicDisplay(code) {
  const topic = DEMO_TOPICS.find((t) => t.code === code);
  if (!topic) throw new Error(`demo seed: no topic ${code}`);
  return topic.en;
}
