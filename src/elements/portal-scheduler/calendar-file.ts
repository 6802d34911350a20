/**
 * An `.ics` file (RFC 5545) for a booked appointment, offered on the confirmation so the person can put the
 * visit in their own calendar. It holds only what the caller passes: the visit type, the clinic and its
 * address, perhaps instructions. Never put the patient's name or anything else the person did not choose to
 * download in here: the file leaves the portal and lands in a calendar that may sync anywhere.
 */

export interface AppointmentIcsInput {
  /** Globally unique and stable for this appointment, so a second download updates the event (`<id>@<host>`). */
  uid: string;
  /** Instants with an offset; written in UTC so every calendar shows them in its own zone. */
  start: string;
  end: string;
  /** "Flu vaccination". */
  title: string;
  /** Clinic name and address on one line. */
  location?: string;
  description?: string;
  /** The video visit's join link. */
  url?: string;
  /** When the file is made (`DTSTAMP`); passed in so the output is deterministic. */
  now: string;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** `2026-11-03T09:30:00-05:00` → `20261103T143000Z` (fractions of a second dropped). */
function utcStamp(instant: string): string {
  const epoch = Date.parse(instant.replace(/:60(?=[.Z+-])/, ':59'));
  if (Number.isNaN(epoch)) throw new RangeError('appointmentIcs: times must be instants with an offset');
  return new Date(epoch).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`. Other control
 * characters are not allowed in TEXT and are dropped; unpaired surrogates become U+FFFD, as UTF-8 would.
 */
function escapeText(value: string): string {
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[\\;,\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets (UTF-8, line break excluded) continue on the next line after a
 * CRLF and one space. Splits fall between code points, never inside a character's octets.
 */
function fold(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** A VCALENDAR with one VEVENT, CRLF line endings throughout (including after the last line). */
export function appointmentIcs(input: AppointmentIcsInput): string {
  const start = utcStamp(input.start);
  const end = utcStamp(input.end);
  if (end < start) throw new RangeError('appointmentIcs: end is before start');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//portal-kit//scheduler//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(input.uid)}`,
    `DTSTAMP:${utcStamp(input.now)}`,
    `DTSTART:${start}`,
    `DTEND:${end}`,
    `SUMMARY:${escapeText(input.title)}`,
  ];
  if (input.location) lines.push(`LOCATION:${escapeText(input.location)}`);
  if (input.description) lines.push(`DESCRIPTION:${escapeText(input.description)}`);
  // A video visit's join link (https only, checked when it was read): calendars show it as the event's link.
  if (input.url) lines.push(`URL:${input.url}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}
