// Pictures of QR codes for the picture reader's tests, drawn module by module from lean-qr's matrix.
import { generate } from 'lean-qr';

/** A PNG of each text as a QR code, side by side on white, `module` pixels a module, on a canvas at least `width` wide. */
export async function qrPicture(texts: readonly string[], { module = 4, width = 0 } = {}): Promise<Blob> {
  const codes = texts.map((text) => generate(text));
  const margin = 8 * module;
  const tallest = Math.max(...codes.map((code) => code.size)) * module;
  const across = codes.reduce((sum, code) => sum + code.size * module + margin, margin);
  const canvas = new OffscreenCanvas(Math.max(width, across), Math.max(tallest + 2 * margin, Math.round(width * 0.75)));
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  let left = margin;
  for (const code of codes) {
    for (let y = 0; y < code.size; y++) for (let x = 0; x < code.size; x++) if (code.get(x, y)) context.fillRect(left + x * module, margin + y * module, module, module);
    left += code.size * module + margin;
  }
  return canvas.convertToBlob({ type: 'image/png' });
}
