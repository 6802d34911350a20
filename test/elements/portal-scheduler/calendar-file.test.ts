import { expect } from '@open-wc/testing';
import { appointmentIcs, type AppointmentIcsInput } from '../../../src/elements/portal-scheduler/calendar-file.js';

const base: AppointmentIcsInput = {
  uid: 'appt-123@portal-kit.example',
  start: '2026-11-03T09:30:00-05:00',
  end: '2026-11-03T09:45:00-05:00',
  title: 'Flu vaccination',
  now: '2026-10-20T12:00:00Z',
};

const octets = (text: string) => new TextEncoder().encode(text).length;
const physicalLines = (ics: string) => ics.slice(0, -2).split('\r\n');
/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab disappears. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('appointmentIcs', () => {
  it('writes one event in UTC with the exact RFC 5545 layout', () => {
    const ics = appointmentIcs({
      ...base,
      location: 'Riverside Downtown Clinic, 12 Main St; Suite 4',
      description: 'Bring your vaccination card.\nWear a short-sleeved shirt.',
    });
    expect(ics).to.equal(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//portal-kit//scheduler//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:appt-123@portal-kit.example',
        'DTSTAMP:20261020T120000Z',
        'DTSTART:20261103T143000Z',
        'DTEND:20261103T144500Z',
        'SUMMARY:Flu vaccination',
        'LOCATION:Riverside Downtown Clinic\\, 12 Main St\\; Suite 4',
        'DESCRIPTION:Bring your vaccination card.\\nWear a short-sleeved shirt.',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('leaves out LOCATION and DESCRIPTION when not given', () => {
    const ics = appointmentIcs(base);
    expect(ics).not.to.match(/LOCATION|DESCRIPTION/);
    expect(ics).to.contain('SUMMARY:Flu vaccination\r\nEND:VEVENT\r\n');
  });

  it('converts any offset to UTC, across the fall-back change and past midnight', () => {
    const ics = appointmentIcs({ ...base, start: '2026-11-01T01:30:00-05:00', end: '2026-11-02T00:15:00+05:30', now: '2026-10-31T23:59:59.999-04:00' });
    expect(ics).to.contain('\r\nDTSTART:20261101T063000Z\r\n');
    expect(ics).to.contain('\r\nDTEND:20261101T184500Z\r\n');
    expect(ics).to.contain('\r\nDTSTAMP:20261101T035959Z\r\n');
  });

  it('escapes backslash, semicolon, comma and every kind of line break; drops other control characters', () => {
    const ics = appointmentIcs({ ...base, title: 'a\\b;c,d\ne\r\nf\rg\u0007h\ti' });
    expect(ics).to.contain('\r\nSUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng' + 'h\ti\r\n');
  });

  it('uses CRLF for every line break and ends with one', () => {
    const ics = appointmentIcs({ ...base, location: 'Line one\nLine two', description: 'x'.repeat(300) });
    expect(ics.endsWith('END:VCALENDAR\r\n')).to.equal(true);
    expect(ics.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    const spanish = 'Vacunación contra la gripe — María José';
    const ics = appointmentIcs({
      ...base,
      title: `Su cita: ${spanish} — ${spanish} — ${spanish}`,
      description: 'Traiga su tarjeta de vacunación y llegue 10 minutos antes... 💉 Gracias.',
    });
    const lines = physicalLines(ics);
    // "ó" (2 octets) would take octets 75-76, so the first line stops at 74.
    const summaryAt = lines.findIndex((line) => line.startsWith('SUMMARY:'));
    expect(lines.slice(summaryAt, summaryAt + 3)).to.deep.equal([
      'SUMMARY:Su cita: Vacunación contra la gripe — María José — Vacunaci',
      ' ón contra la gripe — María José — Vacunación contra la gripe — M',
      ' aría José',
    ]);
    expect(lines.slice(summaryAt, summaryAt + 3).map(octets)).to.deep.equal([74, 75, 12]);
    // The syringe is 4 octets (two UTF-16 units): it moves whole to the next line.
    const descriptionAt = lines.findIndex((line) => line.startsWith('DESCRIPTION:'));
    expect(lines.slice(descriptionAt, descriptionAt + 2)).to.deep.equal([
      'DESCRIPTION:Traiga su tarjeta de vacunación y llegue 10 minutos antes... ',
      ' 💉 Gracias.',
    ]);

    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const line of lines) {
      expect(octets(line)).to.be.at.most(75);
      // Each physical line on its own is valid UTF-8: no character was cut in two.
      const bytes = new TextEncoder().encode(line);
      expect(strict.decode(bytes)).to.equal(line);
    }
    expect(unfold(ics)).to.contain(`\r\nSUMMARY:Su cita: ${spanish} — ${spanish} — ${spanish}\r\n`);
  });

  it('folds long ASCII lines into 75-octet pieces that unfold to the original', () => {
    const description = 'Bring your card; wear a short sleeve, and arrive 10 minutes early. '.repeat(4);
    const ics = appointmentIcs({ ...base, description });
    const lines = physicalLines(ics);
    const descriptionAt = lines.findIndex((line) => line.startsWith('DESCRIPTION:'));
    expect(octets(lines[descriptionAt])).to.equal(75);
    expect(lines[descriptionAt + 1].startsWith(' ')).to.equal(true);
    expect(octets(lines[descriptionAt + 1])).to.equal(75);
    expect(unfold(ics)).to.contain(`\r\nDESCRIPTION:${description.replace(/[;,]/g, (c) => `\\${c}`)}\r\n`);
  });

  it('rejects times that are not instants or an end before the start, without echoing them', () => {
    expect(() => appointmentIcs({ ...base, start: 'tomorrow 9am' })).to.throw(RangeError).that.satisfies((error: Error) => !error.message.includes('tomorrow'));
    expect(() => appointmentIcs({ ...base, end: '2026-11-03T09:00:00-05:00' })).to.throw(RangeError, /end is before start/);
  });
});
