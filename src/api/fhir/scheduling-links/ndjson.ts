import { parseFhirJson } from '../json-fallback.js';
import { readText, tooLarge, type Budget, type Limits } from './files.js';

/** The resources of one NDJSON file, and how many of its lines were not JSON. */
export async function readNdjson(response: Response, budget: Budget, limits: Limits, signal: AbortSignal): Promise<{ resources: unknown[]; dropped: number }> {
  const out = { resources: [] as unknown[], dropped: 0 };
  const line = (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (++budget.lines > limits.maxLines) throw tooLarge();
    try {
      out.resources.push(parseFhirJson(trimmed));
    } catch {
      out.dropped++;
    }
  };
  let rest = '';
  await readText(response, budget, limits, signal, (text) => {
    rest += text;
    let start = 0;
    for (let newline = rest.indexOf('\n'); newline >= 0; newline = rest.indexOf('\n', start)) {
      line(rest.slice(start, newline));
      start = newline + 1;
    }
    rest = rest.slice(start);
  });
  // Many publishers end the last line without a newline.
  line(rest);
  return out;
}
