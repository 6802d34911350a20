export { createMemoryAdapter } from './adapter.js';
export {
  MEMORY_OPERATIONS,
  type FailSwitch,
  type MemoryAdapter,
  type MemoryAdapterOptions,
  type MemoryControls,
  type MemoryOperation,
  type MemorySwitches,
} from './options.js';
export { HOME_ZONE as MEMORY_HOME_ZONE, LOCATION_IDS, PRACTITIONER_IDS, SERVICE_IDS } from './seed/index.js';
export { zonedInstant } from '../../time/zones.js';
