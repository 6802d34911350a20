// @ts-check
/**
 * The demo store's file on disk: an append-only journal, one line per committed write batch.
 *
 *   <sha256 of the JSON, 16 hex> <JSON {"at", "ops": [{"put": Resource} | {"del": [type, id]}], "slotsThrough"?}>\n
 *
 * One request's writes go into one line, written and fsynced before the reply leaves, so after a crash a
 * request either happened completely or not at all. A crash mid-append leaves a torn last line; loading
 * drops it (its checksum fails or its newline is missing) and truncates the file back to the last whole
 * batch. A bad line with good lines after it is not a torn write but damage, and loading refuses it rather
 * than silently skipping somebody's booking.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';

/** @typedef {import('@medplum/fhirtypes').Resource} Resource */
/** @typedef {{ put: Resource } | { del: [string, string] }} JournalOp */
/** @typedef {{ at: string, ops: JournalOp[], slotsThrough?: string }} JournalBatch */

/** @param {string} json */
const checksum = (json) => createHash('sha256').update(json).digest('hex').slice(0, 16);

/**
 * Reads every whole batch. A torn tail is cut off the file so the next append starts on a clean line.
 * @param {string} path
 * @returns {Promise<{ batches: JournalBatch[], tornBytes: number } | undefined>} undefined when there is no file
 */
export async function readJournal(path) {
  let buffer;
  try {
    buffer = await readFile(path);
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT') return undefined;
    throw err;
  }
  /** @type {JournalBatch[]} */
  const batches = [];
  let offset = 0;
  while (offset < buffer.length) {
    const end = buffer.indexOf(0x0a, offset);
    const batch = end === -1 ? undefined : parseLine(buffer.subarray(offset, end).toString('utf8'));
    if (!batch) {
      if (end !== -1 && end + 1 < buffer.length) {
        throw new Error(
          `The demo store ${path} is damaged at byte ${offset} (a bad entry with later entries after it). ` +
            'Run `npm run demo:reset` to start again from the seed.',
        );
      }
      break; // torn last line from an interrupted write
    }
    batches.push(batch);
    offset = end + 1;
  }
  const tornBytes = buffer.length - offset;
  if (tornBytes > 0) {
    await truncate(path, offset);
  }
  return { batches, tornBytes };
}

/**
 * @param {string} line
 * @returns {JournalBatch | undefined}
 */
function parseLine(line) {
  const space = line.indexOf(' ');
  const json = line.slice(space + 1);
  if (space !== 16 || checksum(json) !== line.slice(0, 16)) return undefined;
  try {
    const batch = JSON.parse(json);
    return Array.isArray(batch?.ops) ? batch : undefined;
  } catch {
    return undefined;
  }
}

/** Appends batches durably: the promise settles after the bytes are on disk. */
export class JournalWriter {
  /** @param {import('node:fs/promises').FileHandle} handle */
  constructor(handle) {
    this.handle = handle;
  }

  /** @param {string} path */
  static async open(path) {
    await mkdir(dirname(path), { recursive: true });
    return new JournalWriter(await open(path, 'a'));
  }

  /** @param {JournalBatch} batch */
  async append(batch) {
    await this.handle.appendFile(encodeBatch(batch));
    await this.handle.datasync();
  }

  async close() {
    await this.handle.close();
  }
}

/**
 * One journal line, newline included.
 * @param {JournalBatch} batch
 */
export function encodeBatch(batch) {
  const json = JSON.stringify(batch);
  return `${checksum(json)} ${json}\n`;
}
