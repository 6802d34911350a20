// @ts-check
/** `npm run demo:reset`: throws away what the demo stored and seeds it again as of today. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_DIR, JOURNAL_FILE, openDemoStore } from './index.mjs';

const path = join(DATA_DIR, JOURNAL_FILE);
await rm(path, { force: true });
const store = await openDemoStore();
const types = [...store.types].sort();
await store.close();
console.log(`demo store reset from the seed (${types.length} resource types): ${path}`);
