/**
 * The module worker that reads QR codes from a picture, so a large photo never holds the page's main thread.
 * Answers each `{ id, image }` with `{ id, codes }`, or `{ id, failed: true }` when decoding throws.
 */
import { decodeQrCodes } from './decode.js';

export interface QrImageRequest {
  id: number;
  image: ImageData;
}

export type QrImageAnswer = { id: number; codes: string[] } | { id: number; failed: true };

const scope = self as unknown as { onmessage: ((event: MessageEvent<QrImageRequest>) => void) | null; postMessage(answer: QrImageAnswer): void };

scope.onmessage = ({ data: { id, image } }) => {
  try {
    scope.postMessage({ id, codes: decodeQrCodes(image) });
  } catch {
    scope.postMessage({ id, failed: true });
  }
};
