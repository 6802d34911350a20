/**
 * Message bodies that a server stores as XHTML or HTML (a narrative, an attachment typed text/html) become plain
 * text here, before they reach the model, without being parsed as HTML: no DOMParser, no element, no `innerHTML`
 * (each is an HTML sink, refused under Trusted Types, and a parser would fetch what an `<img>` names). Tags are cut
 * out as text, the content of scripts, styles and comments dropped, breaks and block ends kept as line breaks, and
 * character references decoded. What comes out is shown through text bindings only, so nothing in it can run.
 */

const DROPPED = /<(script|style|head|title|template|noscript|iframe|object|svg|math)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>|<\?[^>]*>/g;
const BREAK = /<br\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ITEM = /<li\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const BLOCK_END = /<\/(p|div|ul|ol|tr|table|h[1-6]|blockquote|pre|section|article|header|footer|dd|dt)\s*>/gi;
const BLOCK_START = /<(p|div|tr|table|h[1-6]|blockquote|pre|section|article|ul|ol)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const CELL_END = /<\/t[dh]\s*>/gi;
const TAG = /<\/?[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g;
const REFERENCE = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi;

/** The named references message bodies use: markup's own, spacing, and the letters of Spanish and English text. */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', middot: '·', copy: '©', reg: '®', deg: '°', euro: '€',
  aacute: 'á', eacute: 'é', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', uuml: 'ü',
  Aacute: 'Á', Eacute: 'É', Iacute: 'Í', Oacute: 'Ó', Uacute: 'Ú', Ntilde: 'Ñ', Uuml: 'Ü', iquest: '¿', iexcl: '¡',
};

function decode(text: string): string {
  return text.replace(REFERENCE, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      // No NUL, no surrogate halves, nothing past Unicode: those stand for themselves, undecoded.
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name] ?? whole;
  });
}

/** Plain text from XHTML or HTML markup, lines kept (see the file comment). */
export function markupToText(markup: string): string {
  const text = markup
    .replace(COMMENT, '')
    .replace(DROPPED, '')
    .replace(BREAK, '\n')
    .replace(ITEM, '\n• ')
    .replace(BLOCK_END, '\n')
    .replace(BLOCK_START, '\n')
    .replace(CELL_END, '\t')
    .replace(TAG, '')
    // A tag left open at the end (`<img src=x onerror=…` with no `>`) is cut off, not shown as code.
    .replace(/<[A-Za-z/!?][^<>]*$/, '');
  const lines = decode(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\f\r\u00a0]+/g, (space) => (space.includes('\t') ? '\t' : ' ')).trim());
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
