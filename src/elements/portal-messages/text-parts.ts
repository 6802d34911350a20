/** A piece of a message body: text, or an https link with its text. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

// An https URL up to the first space or a character that ends a sentence around it.
const HTTPS = /https:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}'"»]+$/;

/**
 * A plain-text body as text and links: only `https:` addresses become links (never `http:`, `javascript:`, `data:`
 * or anything else), each checked by the URL parser, with a closing punctuation mark left out of the link. The
 * element renders the parts through text and attribute bindings, keeping line breaks (CSS `white-space: pre-wrap`).
 */
export function textParts(body: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of body.matchAll(HTTPS)) {
    const start = match.index ?? 0;
    const raw = match[0];
    const link = raw.replace(TRAILING, '');
    let href: string | undefined;
    try {
      const url = new URL(link);
      href = url.protocol === 'https:' && url.hostname !== '' ? url.href : undefined;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    if (start > at) parts.push({ text: body.slice(at, start) });
    parts.push({ text: link, href });
    at = start + link.length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}
