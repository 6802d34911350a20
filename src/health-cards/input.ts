/**
 * What a person hands the verifier, as text: a `.smart-health-card` file (`{"verifiableCredential": [...]}`), a
 * `$health-cards-issue` answer (a Parameters resource with `verifiableCredential` values), the `shc:/` text of one
 * QR code or of every chunk of one (pasted or typed by a scanner, one per line), or a bare JWS. Each becomes the JWS
 * strings it holds; everything else is unreadable. Nothing is trimmed but the line breaks that end scanned codes, and
 * the whitespace JSON itself allows around a file's object (outside anything signed).
 */
import { assembleNumericQr, HealthCardError, splitScannedText } from './verify.js';

export function cardInputToJws(text: string): string[] {
  // JSON's own whitespace only (a byte-order mark is not, and JSON.parse refuses it).
  if (/^[ \t\r\n]*\{/.test(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new HealthCardError('payload');
    }
    const file = value as { verifiableCredential?: unknown; resourceType?: unknown; parameter?: unknown };
    let found: unknown[] = [];
    if (Array.isArray(file.verifiableCredential)) found = file.verifiableCredential;
    else if (file.resourceType === 'Parameters' && Array.isArray(file.parameter)) {
      found = file.parameter.filter((p: unknown) => typeof p === 'object' && p !== null && (p as { name?: unknown }).name === 'verifiableCredential').map((p) => (p as { valueString?: unknown }).valueString);
    }
    if (found.length === 0 || !found.every((jws): jws is string => typeof jws === 'string')) throw new HealthCardError('payload');
    return found;
  }
  const lines = splitScannedText(text);
  // Text that holds a QR text anywhere is all QR text: a stray space or line around the codes is refused by name.
  if (text.includes('shc:')) return [assembleNumericQr(lines)];
  // A bare JWS: one line exactly as given, its line break dropped (a space or tab stays, and is refused as not a JWS).
  return lines.length === 1 ? lines : [text];
}
