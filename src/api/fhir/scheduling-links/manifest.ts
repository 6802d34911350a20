import { ApiError } from '../../errors.js';
import { isRecord } from '../map/common.js';
import { get, readText, READ, tooLarge, type Budget, type Limits } from './files.js';
import { readNdjson } from './ndjson.js';
import { buildPublication, FILE_TYPES, type FileType, type Publication } from './publication.js';

/** The manifest's Location, Schedule and Slot files at http(s) URLs, in manifest order, each once. */
function outputsOf(manifest: unknown, base: string): { type: FileType; url: URL }[] {
  if (!isRecord(manifest) || !Array.isArray(manifest.output)) throw new ApiError('invalid-response', { operation: READ });
  const seen = new Set<string>();
  return manifest.output.flatMap((output) => {
    if (!isRecord(output) || typeof output.url !== 'string' || !(FILE_TYPES as readonly unknown[]).includes(output.type)) return [];
    let url: URL;
    try {
      url = new URL(output.url, base);
    } catch {
      return [];
    }
    // Not `data:`, `blob:` or `file:`: a manifest must not be able to plant slots the publisher never served.
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || seen.has(`${output.type} ${url.href}`)) return [];
    seen.add(`${output.type} ${url.href}`);
    return [{ type: output.type as FileType, url }];
  });
}

export async function readPublication(fetchImpl: typeof fetch, source: URL, limits: Limits, signal: AbortSignal): Promise<Publication> {
  const budget: Budget = { lines: 0, chars: 0 };
  const response = await get(fetchImpl, source, 'application/json', signal);
  let text = '';
  await readText(response, budget, limits, signal, (chunk) => (text += chunk));
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new ApiError('invalid-response', { operation: READ, status: response.status });
  }
  // Relative file URLs are relative to where the manifest was finally read from (after redirects).
  const outputs = outputsOf(manifest, response.url || source.href);
  if (outputs.length > limits.maxFiles) throw tooLarge();

  // One failed file fails the read; the files still being read are stopped rather than left to finish.
  const files = new AbortController();
  const stop = () => files.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const contents: { resources: unknown[]; dropped: number }[] = new Array(outputs.length);
  let next = 0;
  const worker = async () => {
    while (next < outputs.length) {
      const index = next++;
      files.signal.throwIfAborted();
      const file = await get(fetchImpl, outputs[index].url, 'application/fhir+ndjson', files.signal);
      contents[index] = await readNdjson(file, budget, limits, files.signal);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limits.parallelFiles), outputs.length) }, () => worker().catch((error: unknown) => {
      files.abort();
      throw error;
    })));
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
  }

  const raw: Record<FileType, unknown[]> = { Location: [], Schedule: [], Slot: [] };
  const dropped: Record<FileType, number> = { Location: 0, Schedule: 0, Slot: 0 };
  outputs.forEach(({ type }, index) => {
    raw[type].push(...contents[index].resources);
    dropped[type] += contents[index].dropped;
  });
  return buildPublication(raw, dropped);
}
