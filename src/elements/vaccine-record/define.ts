import { VaccineRecord } from './vaccine-record.js';

VaccineRecord.define();

declare global {
  interface HTMLElementTagNameMap {
    'vaccine-record': VaccineRecord;
  }
}
