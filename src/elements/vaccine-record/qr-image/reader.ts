/**
 * A QR reader for pictures where the browser has no `BarcodeDetector`: the picture is scaled to at most
 * `MAX_IMAGE_EDGE` pixels a side and read in a module worker loaded on first use. Where no worker can start (a
 * bundler that did not copy the worker file, a `worker-src` or Trusted Types policy that refuses it), it is read
 * on the page instead, with the same decoder loaded on demand.
 */
import type { QrDetector } from '../card-checker.js';
import type { QrImageAnswer, QrImageRequest } from './worker.js';

/** Longest side a picture is read at: a version 22 code filling a fifth of it still has ~3 pixels a module. */
export const MAX_IMAGE_EDGE = 1600;

/** How long the worker may take before the picture is given up on (a stuck decode, not a slow one). */
const WORKER_TIMEOUT_MS = 30_000;

export type StartWorker = () => Worker;

/** The worker beside this module (a literal `new URL`, which Vite, webpack and the test server all follow). */
const startQrWorker: StartWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

export interface ReadResult {
  codes: string[];
  /** Where the codes were read: `worker`, or `page` when no worker could start. */
  readIn: 'worker' | 'page';
}

/** The picture's pixels, scaled down so its longest side is at most `MAX_IMAGE_EDGE`. */
export async function picturePixels(source: ImageBitmapSource): Promise<ImageData> {
  const bitmap = await createImageBitmap(source);
  const scale = Math.min(1, MAX_IMAGE_EDGE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return context.getImageData(0, 0, width, height);
}

/** Reads in a worker; rejects when the worker cannot start or load, so the caller can read on the page. */
function readInWorker(image: ImageData, start: StartWorker): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = start();
    } catch (error) {
      return reject(error instanceof Error ? error : new Error('the worker did not start'));
    }
    const done = (finish: () => void) => {
      clearTimeout(timer);
      worker.terminate();
      finish();
    };
    const timer = setTimeout(() => done(() => reject(new Error('the worker did not answer'))), WORKER_TIMEOUT_MS);
    worker.onerror = (event) => {
      event.preventDefault();
      done(() => reject(new Error('the worker could not load')));
    };
    worker.onmessage = ({ data }: MessageEvent<QrImageAnswer>) => done(() => ('codes' in data ? resolve(data.codes) : reject(new Error('the picture could not be decoded'))));
    const request: QrImageRequest = { id: 1, image };
    // A copy, not a transfer: the page may still need the pixels if the worker fails.
    worker.postMessage(request);
  });
}

/** Every QR code's text in a picture, read in a worker where one starts, else on the page. */
export async function readQrImage(source: ImageBitmapSource, start: StartWorker = startQrWorker): Promise<ReadResult> {
  const image = await picturePixels(source);
  try {
    return { codes: await readInWorker(image, start), readIn: 'worker' };
  } catch {
    const { decodeQrCodes } = await import('./decode.js');
    return { codes: decodeQrCodes(image), readIn: 'page' };
  }
}

/** The picture reader in the shape of a `BarcodeDetector`, for the card checker. */
export function pictureQrReader(start?: StartWorker): QrDetector {
  return { detect: async (image) => (await readQrImage(image, start)).codes.map((rawValue) => ({ rawValue })) };
}
