import { formatFhirDate, formatInstant } from '../../i18n/index.js';
import type { Locale } from '../../model/config.js';
import { addDays } from '../../time/days.js';
import { dateTimeFormat } from '../../time/intl.js';
import { dayInZone, instantMs, localDayOf } from '../../time/zones.js';
import type { MessagesL10n } from './strings.js';

const NO_FIELDS = {};

/** The zone the person reading sits in: a message's time is read on their own clock (one cached formatter asks). */
export function viewerZone(): string {
  return dateTimeFormat('en-US', undefined, NO_FIELDS).resolvedOptions().timeZone;
}

/**
 * When a message was sent, in words on the reader's clock: "Today 9:41 AM", "Yesterday 4:02 PM", else
 * "Mar 3, 2026, 8:15 AM". `now` and `zone` are passed so that tests read the same from any zone.
 */
export function messageTime(l10n: Pick<MessagesL10n, 't' | 'locale'>, instant: string, nowMs: number, zone: string = viewerZone()): string {
  const locale: Locale = l10n.locale;
  const time = formatInstant(instant, { locale, timeZone: zone });
  const day = localDayOf(instant, zone);
  const today = dayInZone(zone, nowMs);
  if (day === today) return l10n.t('messages.today', { time });
  if (day === addDays(today, -1)) return l10n.t('messages.yesterday', { time });
  return l10n.t('messages.onDay', { day: formatFhirDate(day, locale, 'short'), time });
}

/** Newest first by an optional instant; undated last. */
export function byNewest<T>(items: readonly T[], at: (item: T) => string | undefined): T[] {
  const ms = (item: T) => {
    const value = at(item);
    return value ? instantMs(value) : -Infinity;
  };
  return [...items].sort((a, b) => ms(b) - ms(a));
}
