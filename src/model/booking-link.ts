/**
 * SMART Scheduling Links deep links. A publisher's `booking-deep-link` takes a person to its own booking
 * portal; the discovery client may add two correlation handles to it:
 * - `source`: who referred the person (the discovery client's own identity, e.g. `riverside-portal`), so the
 *   portal can count where its bookings come from;
 * - `booking-referral`: a handle for this one referral, which the portal may keep through its booking flow so
 *   the referrer can later learn that the slot was booked (that lookup is not part of the specification).
 *
 * Both end up in the portal's logs and analytics, so they must be opaque: a site name and a random id, never
 * anything about the person.
 */

const ADDED = ['source', 'booking-referral'] as const;

/** A query pair's name, decoded the way a server reads it (`+` is a space). */
function pairName(pair: string): string {
  const name = pair.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The publisher's link with `source` and `booking-referral` added; `undefined` unless the link is an absolute
 * http(s) URL (it becomes an `href`). The publisher's own query is kept as written, since its slot handle is
 * opaque and re-encoding could change it; only a `source`/`booking-referral` it already carried is replaced,
 * because a portal seeing two would not know which referrer to credit. Blank values are left out.
 */
export function bookingDeepLink(link: string, params: { source: string; bookingReferral?: string }): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const added = new URLSearchParams();
  if (params.source.trim() !== '') added.set('source', params.source);
  if (params.bookingReferral !== undefined && params.bookingReferral.trim() !== '') added.set('booking-referral', params.bookingReferral);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !(ADDED as readonly string[]).includes(pairName(pair)));
  const query = [...kept, added.toString()].filter((part) => part !== '').join('&');
  url.search = query === '' ? '' : `?${query}`;
  return url.href;
}
