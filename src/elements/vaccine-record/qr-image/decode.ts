/**
 * Reads every QR code in a picture with @nuintun/qrcode (pure JavaScript, for browsers without a
 * `BarcodeDetector`). Runs inside the image worker, or on the page when no worker can start.
 */
import { binarize, Decoder, Detector, grayscale } from '@nuintun/qrcode';

/** The text of each QR code found, once each, in the order found. */
export function decodeQrCodes(image: ImageData): string[] {
  const found = new Set<string>();
  const decoder = new Decoder();
  const candidates = new Detector().detect(binarize(grayscale(image), image.width, image.height));
  for (let next = candidates.next(); !next.done; ) {
    let decoded = false;
    try {
      found.add(decoder.decode(next.value.matrix).content);
      decoded = true;
    } catch {
      // Three finder patterns that do not frame a readable code: try the next combination.
    }
    // Telling the detector which candidates decoded lets it skip the other combinations of their finder patterns.
    next = candidates.next(decoded);
  }
  return [...found];
}
