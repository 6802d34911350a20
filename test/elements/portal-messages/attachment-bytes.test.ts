import { expect } from '@open-wc/testing';
import { checkAttachment, sniffType, stripJpegMetadata } from '../../../src/elements/portal-messages/attachment-bytes.js';

const bytes = (...parts: Array<number[] | string>) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** An EXIF APP1 body (little-endian) with Orientation 6, a GPS IFD pointer and the GPS latitude, as a phone writes it. */
function exifWithGps(): number[] {
  const le16 = (v: number) => [v & 0xff, v >> 8];
  const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
  const ifd0 = [...le16(2), ...le16(0x0112), ...le16(3), ...le32(1), ...le16(6), 0, 0, ...le16(0x8825), ...le16(4), ...le32(1), ...le32(38), ...le32(0)];
  const gps = [...le16(1), ...le16(0x0002), ...le16(2), ...le32(12), ...le32(56), ...le32(0), ...text('40.7128N74.0060W')];
  return [...text('Exif\0\0'), ...text('II'), ...le16(0x2a), ...le32(8), ...ifd0, ...gps];
}

/** A small real JPEG drawn on a canvas (so a decoder can check the cleaned file still opens). */
async function canvasJpeg(): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = 8;
  canvas.height = 4;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#c00';
  ctx.fillRect(0, 0, 8, 4);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
  return new Uint8Array(await blob.arrayBuffer());
}

/** The same JPEG with a phone's metadata put in after its start: EXIF with GPS, XMP, a comment. */
function withMetadata(jpeg: Uint8Array): Uint8Array {
  const extra = [...segment(0xe1, exifWithGps()), ...segment(0xe1, text('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude 40.71</x:xmpmeta>')), ...segment(0xfe, text('Taken at 12 Home Street'))];
  return Uint8Array.from([...jpeg.subarray(0, 2), ...extra, ...jpeg.subarray(2)]);
}

const has = (haystack: Uint8Array, needle: string) => new TextDecoder('latin1').decode(haystack).includes(needle);

describe('attachments by their bytes', () => {
  it('knows a file by its first bytes, not by its name', () => {
    expect(sniffType(bytes([0xff, 0xd8, 0xff, 0xe0]))).to.equal('image/jpeg');
    expect(sniffType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).to.equal('image/png');
    expect(sniffType(bytes('GIF89a'))).to.equal('image/gif');
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).to.equal('image/webp');
    expect(sniffType(bytes([0, 0, 0, 24], 'ftypheic'))).to.equal('image/heic');
    expect(sniffType(bytes('%PDF-1.7'))).to.equal('application/pdf');
    // An HTML page or an SVG named "scan.pdf" is neither.
    expect(sniffType(bytes('<!doctype html><script>'))).to.equal(undefined);
    expect(sniffType(bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="x">'))).to.equal(undefined);
  });

  it('refuses what is empty, too large, unknown or not allowed, saying which', () => {
    const limits = { maxBytes: 10, contentTypes: ['image/jpeg', 'application/pdf'] };
    expect(checkAttachment(bytes(''), limits)).to.deep.equal({ ok: false, reason: 'empty' });
    expect(checkAttachment(bytes('%PDF-1.7 and more'), limits)).to.deep.equal({ ok: false, reason: 'too-large' });
    expect(checkAttachment(bytes('<html>'), limits)).to.deep.equal({ ok: false, reason: 'unknown-type' });
    expect(checkAttachment(bytes('GIF89a'), limits)).to.deep.equal({ ok: false, reason: 'type-not-allowed', contentType: 'image/gif' });
    expect(checkAttachment(bytes('%PDF-1.7'), limits)).to.deep.equal({ ok: true, contentType: 'application/pdf' });
  });

  it('sends a photo without where it was taken: no EXIF GPS, XMP or comment; the orientation kept; the picture unchanged and still opening', async () => {
    const original = await canvasJpeg();
    const phone = withMetadata(original);
    expect(has(phone, '40.7128N') && has(phone, 'Home Street') && has(phone, 'xmpmeta')).to.equal(true);
    const clean = stripJpegMetadata(phone)!;
    expect(clean).to.not.equal(undefined);
    for (const leak of ['40.7128N', 'Home Street', 'xmpmeta', 'GPSLatitude']) expect(has(clean, leak), leak).to.equal(false);
    // Exactly one APP1 is left, EXIF with the orientation (6) and nothing else.
    const app1 = [...clean.keys()].filter((i) => clean[i] === 0xff && clean[i + 1] === 0xe1);
    expect(app1).to.have.length(1);
    expect(has(clean, 'Exif')).to.equal(true);
    // FF E1, length, "Exif\0\0", then the TIFF: its one entry's value is the 20th byte of it.
    expect(clean[app1[0] + 4 + 6 + 19], 'orientation').to.equal(6);
    expect(clean.length).to.be.lessThan(phone.length);
    // From the start of scan on, the bytes are the original picture's.
    const sos = (b: Uint8Array) => [...b.keys()].find((i) => b[i] === 0xff && b[i + 1] === 0xda)!;
    expect([...clean.subarray(sos(clean))]).to.deep.equal([...original.subarray(sos(original))]);
    const bitmap = await createImageBitmap(new Blob([clean], { type: 'image/jpeg' }));
    expect([bitmap.width, bitmap.height].sort()).to.deep.equal([4, 8]);
  });

  it('refuses to clean what is not a well-formed JPEG (so it is not sent with its metadata)', () => {
    expect(stripJpegMetadata(bytes('%PDF-1.7'))).to.equal(undefined);
    expect(stripJpegMetadata(bytes([0xff, 0xd8], segment(0xe1, exifWithGps()).slice(0, 10)))).to.equal(undefined);
  });
});
