/**
 * Development builds only (Vite sets `import.meta.env.DEV` to false in a production build, which drops the
 * checks; the test runner and Storybook run as development): one console warning per attribute value that cannot
 * be right, naming the attribute and what it accepts. Without it a typo (`vaccine="208-2"`) silently filters
 * everything out and an integrator is left guessing. Attribute values are the host page's configuration, never
 * patient data.
 */
const DEV: boolean = (import.meta as { env?: { DEV?: boolean } }).env?.DEV ?? true;

const warned = new Set<string>();

export function warnIfInvalid(element: Element, attribute: string, value: string | null | undefined, valid: (value: string) => boolean, accepted: string): void {
  if (!DEV || value === null || value === undefined || valid(value)) return;
  const key = `${element.localName}|${attribute}|${value}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`portal-kit: <${element.localName}> ${attribute}="${value}" cannot be right; it accepts ${accepted}.`);
}
