import { expect } from '@open-wc/testing';
import { markupToText } from '../../../../src/api/fhir/map/markup-text.js';

describe('markupToText (bodies stored as XHTML or HTML)', () => {
  it('keeps the words and the lines of a narrative, decodes references, drops what is not text', () => {
    const xhtml = `<div xmlns="http://www.w3.org/1999/xhtml"><p>Hola Ana,</p><p>Sus resultados est&aacute;n listos.<br/>Llame al 555&#8209;0100 &amp; pida cita.</p>
      <ul><li>Ayuno de 8 h</li><li>Traiga su tarjeta</li></ul><!-- internal note: call back --><style>p{color:red}</style></div>`;
    expect(markupToText(xhtml)).to.equal('Hola Ana,\n\nSus resultados están listos.\nLlame al 555‑0100 & pida cita.\n\n• Ayuno de 8 h\n• Traiga su tarjeta');
  });

  it('turns script, handlers, images and unfinished tags into nothing that looks like code', () => {
    const cases: Array<[string, string]> = [
      ['<script>alert(1)</script>Hi', 'Hi'],
      ['<img src=x onerror=alert(1)>Hi', 'Hi'],
      ['<a href="javascript:alert(1)" title=">">click</a>', 'click'],
      ['<svg onload=alert(1)><circle/></svg>ok', 'ok'],
      ['<iframe src="https://evil.example"></iframe>done', 'done'],
      ['Hi <img src=x onerror=alert(1)', 'Hi'],
      ['&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
      ['5 &gt; 3 &#x26; 2 &lt; 4', '5 > 3 & 2 < 4'],
      ['&#0;&#xD800;&bogus;', '&#0;&#xD800;&bogus;'],
    ];
    for (const [markup, text] of cases) expect(markupToText(markup), markup).to.equal(text);
  });

  it('leaves plain text that has no markup as it is, lines and all', () => {
    expect(markupToText('Line one\nLine two\n\n\n\nafter a gap')).to.equal('Line one\nLine two\n\nafter a gap');
  });
});
