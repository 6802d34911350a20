// Reading QR codes from a picture where the browser has no BarcodeDetector (Chromium on Linux has none): the
// spec example's three chunks drawn by lean-qr into one PNG are read back, in a module worker, or on the page
// when no worker can start, and a photo larger than the reader's cap is scaled down and still read.
import { expect } from '@open-wc/testing';
import { MAX_IMAGE_EDGE, picturePixels, readQrImage } from '../../../src/elements/vaccine-record/qr-image/reader.js';
import { qrPicture } from '../../support/qr-picture.js';
import { fixtureText } from './vaccine-api.js';

const chunks = await Promise.all([0, 1, 2].map((n) => fixtureText(`spec-examples/example-02-f-qr-code-numeric-value-${n}.txt`)));
const picture = await qrPicture([...chunks].reverse());

describe('reading QR codes from a picture', () => {
  it('reads every code in one picture, in a module worker', async () => {
    const read = await readQrImage(picture);
    expect(read.readIn).to.equal('worker');
    expect([...read.codes].sort()).to.deep.equal([...chunks].sort());
  });

  it('reads on the page when no worker can start, or the worker cannot load', async () => {
    const refused = await readQrImage(picture, () => {
      throw new TypeError('a Trusted Types policy refused the worker');
    });
    expect(refused.readIn).to.equal('page');
    expect([...refused.codes].sort()).to.deep.equal([...chunks].sort());
    const broken = URL.createObjectURL(new Blob(['this is not a module ('], { type: 'text/javascript' }));
    const missing = await readQrImage(picture, () => new Worker(broken, { type: 'module' }));
    URL.revokeObjectURL(broken);
    expect(missing.readIn).to.equal('page');
    expect(missing.codes).to.have.length(3);
  });

  it('scales a large photo down to the cap and still reads it; a picture with no code reads as none', async () => {
    const large = await qrPicture([chunks[0]!], { module: 12, width: 4000 });
    const pixels = await picturePixels(large);
    expect(Math.max(pixels.width, pixels.height)).to.equal(MAX_IMAGE_EDGE);
    expect((await readQrImage(large)).codes).to.deep.equal([chunks[0]]);
    const blank = new OffscreenCanvas(64, 64);
    blank.getContext('2d')!.fillRect(0, 0, 64, 64);
    expect((await readQrImage(await blank.convertToBlob({ type: 'image/png' }))).codes).to.deep.equal([]);
  });
});
