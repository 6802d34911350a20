export { DataController, type DataHost, type DataState } from './data.js';
export { LocalizeController } from './localize.js';
