import { expect } from '@open-wc/testing';
import { textParts } from '../../../src/elements/portal-messages/text-parts.js';

describe('textParts (a plain-text body with its https links)', () => {
  it('makes https addresses links, leaving closing punctuation outside', () => {
    expect(textParts('See https://riverside.example/prep?x=1. Thanks!')).to.deep.equal([
      { text: 'See ' },
      { text: 'https://riverside.example/prep?x=1', href: 'https://riverside.example/prep?x=1' },
      { text: '. Thanks!' },
    ]);
    expect(textParts('(https://a.example/b)')).to.deep.equal([{ text: '(' }, { text: 'https://a.example/b', href: 'https://a.example/b' }, { text: ')' }]);
  });

  it('never links anything but https', () => {
    for (const body of ['http://plain.example', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example', 'https://', 'HTTPS:javascript:alert(1)']) {
      expect(textParts(body).filter((p) => p.href), body).to.deep.equal([]);
      expect(textParts(body).map((p) => p.text).join(''), body).to.equal(body);
    }
  });

  it('keeps every character of the body, line breaks included', () => {
    const body = 'Line 1\nhttps://x.example/a\n\nLine 3 <b>not bold</b>';
    expect(textParts(body).map((p) => p.text).join('')).to.equal(body);
  });
});
