// The QR picture worker as the builds ship it: dist/assets/worker-*.js, named by the script-tag files and the npm
// chunks relative to their own URL (a root-relative address would point at the host's root), and able to read
// codes as a module worker on its own (self-contained: a bare import would fail to load in a worker).
import { expect } from '@open-wc/testing';
import type { QrImageAnswer } from '../../src/elements/vaccine-record/qr-image/worker.js';
import { picturePixels } from '../../src/elements/vaccine-record/qr-image/reader.js';
import { qrPicture } from '../support/qr-picture.js';

const text = async (path: string) => (await fetch(path)).text();

describe('the built QR picture worker', () => {
  it('is named relative to the file that starts it, and reads codes as a module worker', async () => {
    const oneFile = await text('/dist/portal-kit.bundle.js');
    const named = /new URL\(\s*[`"']((?:\.\.?\/)?assets\/worker-[\w-]+\.js)[`"']\s*,\s*import\.meta\.url\)/.exec(oneFile);
    expect(named, 'the one-file bundle names its worker beside itself').to.not.equal(null);
    expect(named![1]).to.match(/^(\.\/)?assets\//);
    const workerUrl = new URL(named![1]!, new URL('/dist/portal-kit.bundle.js', location.href));

    const worker = new Worker(workerUrl, { type: 'module' });
    const image = await picturePixels(await qrPicture(['shc:/56762959532654603460292540772804336028702864716745']));
    const answer = await new Promise<QrImageAnswer>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<QrImageAnswer>) => resolve(event.data);
      worker.onerror = () => reject(new Error(`the built worker did not load from ${workerUrl.pathname}`));
      worker.postMessage({ id: 7, image });
    });
    worker.terminate();
    expect(answer).to.deep.equal({ id: 7, codes: ['shc:/56762959532654603460292540772804336028702864716745'] });
  });
});
