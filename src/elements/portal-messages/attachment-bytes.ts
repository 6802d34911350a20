/**
 * What a patient attaches, judged by its bytes and cleaned before upload: a file's name and the type the browser
 * guessed from it say nothing reliable, and a phone's photo carries where it was taken. Used by the messages element
 * before `uploadAttachment`; DOM-free, so it can be tested on bytes alone.
 */

import { ascii, sniffType, type SniffedType } from '../../ui/sniff-type.js';

export { sniffType, type SniffedType };

export interface AttachmentLimits {
  maxBytes: number;
  /** Types allowed, as the server (or the host) names them. */
  contentTypes: readonly string[];
}

export type AttachmentCheck =
  | { ok: true; contentType: SniffedType }
  | { ok: false; reason: 'empty' | 'too-large' | 'unknown-type' | 'type-not-allowed'; contentType?: SniffedType };

/** Whether these bytes may be attached under `limits`, and as what type (the sniffed one, never the declared one). */
export function checkAttachment(bytes: Uint8Array, limits: AttachmentLimits): AttachmentCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > limits.maxBytes) return { ok: false, reason: 'too-large' };
  const contentType = sniffType(bytes);
  if (!contentType) return { ok: false, reason: 'unknown-type' };
  if (!limits.contentTypes.includes(contentType)) return { ok: false, reason: 'type-not-allowed', contentType };
  return { ok: true, contentType };
}

const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const APP1 = 0xe1;
/** Adobe's segment: says how the colours are stored, so the picture decodes right. */
const APP14 = 0xee;
const COM = 0xfe;
const ORIENTATION_TAG = 0x0112;

/** The EXIF orientation (1–8) an APP1 segment's body gives, if it is EXIF and says one. */
function exifOrientation(body: Uint8Array): number | undefined {
  if (!ascii(body, 0, 'Exif\0\0')) return undefined;
  const tiff = body.subarray(6);
  const little = ascii(tiff, 0, 'II');
  if (!little && !ascii(tiff, 0, 'MM')) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => (at + 2 <= view.byteLength ? view.getUint16(at, little) : undefined);
  const u32 = (at: number) => (at + 4 <= view.byteLength ? view.getUint32(at, little) : undefined);
  const ifd = u32(4);
  const count = ifd === undefined ? undefined : u16(ifd);
  if (ifd === undefined || count === undefined) return undefined;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === ORIENTATION_TAG) {
      const value = u16(entry + 8);
      return value !== undefined && value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 EXIF segment holding the orientation and nothing else (big-endian TIFF, one IFD entry). */
function orientationSegment(orientation: number): Uint8Array {
  // Header (big-endian, IFD at 8); one entry: tag 0x0112, SHORT, count 1, the value; no next IFD.
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(tiff);
  const length = body.length + 2;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...body]);
}

/**
 * A JPEG without its metadata: every APPn segment but JFIF's (APP0) and Adobe's (APP14), and every comment, are left
 * out — EXIF with its GPS position, camera serials, XMP, thumbnails. The orientation alone is written back (a photo
 * taken sideways still shows upright). The compressed picture after start-of-scan is copied unchanged. Undefined for
 * bytes that are not a well-formed JPEG up to its scan: then the file is refused rather than sent with its metadata.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (sniffType(bytes) !== 'image/jpeg') return undefined;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | undefined;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === SOS) {
      // The orientation goes back after JFIF's segment, where EXIF sits in a JFIF file.
      const afterJfif = kept[1]?.[1] === APP0 ? 2 : 1;
      if (orientation && orientation !== 1) kept.splice(afterJfif, 0, orientationSegment(orientation));
      kept.push(bytes.subarray(at));
      const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
      let offset = 0;
      for (const part of kept) {
        out.set(part, offset);
        offset += part.length;
      }
      return out;
    }
    if (marker === EOI) return undefined;
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) return undefined;
    const segment = bytes.subarray(at, at + 2 + length);
    const isApp = marker >= APP0 && marker <= 0xef;
    if (marker === APP1) orientation ??= exifOrientation(segment.subarray(4));
    if ((isApp && marker !== APP0 && marker !== APP14) || marker === COM) {
      // left out
    } else {
      kept.push(segment);
    }
    at += 2 + length;
  }
  return undefined;
}
