/**
 * What a file is, by its own first bytes (its magic number), never by its name or a declared type: used by the
 * messages element before an upload and by the results element before it offers a report's file. DOM-free.
 */

/** The file types portal elements can check by their first bytes. */
export type SniffedType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/heic' | 'application/pdf';

/** Whether the bytes at `at` spell `text` in ASCII. */
export const ascii = (bytes: Uint8Array, at: number, text: string): boolean => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** The type the file's own first bytes (its magic number) declare; undefined for anything else. */
export function sniffType(bytes: Uint8Array): SniffedType | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  // ISO base media: a `ftyp` box whose brand is HEIF's (what iPhones save photos as).
  if (ascii(bytes, 4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1'].some((brand) => ascii(bytes, 8, brand))) return 'image/heic';
  if (ascii(bytes, 0, '%PDF-')) return 'application/pdf';
  return undefined;
}
