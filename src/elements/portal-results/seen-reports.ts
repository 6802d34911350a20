/**
 * Which reports the patient has opened on this device, for the "new" marker. Only opaque report ids are kept, under
 * a key derived from the patient id (so one device's patients do not share markers), never a name, a test or a value.
 * The storage is passed in (`localStorage` on a page), so the logic runs without one; a storage that throws (private
 * mode, full, blocked) makes every report look opened-or-not for this visit only, never breaks the list.
 */

/** Ids kept per patient: the newest stay when a long history would outgrow it. */
const MAX_IDS = 500;
const PREFIX = 'portal-kit.results.opened.';

export interface SeenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** FNV-1a, 32 bits, as hex: a short key that does not spell the patient id out in storage. */
function keyOf(patientId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < patientId.length; i++) {
    hash ^= patientId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PREFIX + hash.toString(16).padStart(8, '0');
}

export class SeenReports {
  private readonly memory = new Map<string, Set<string>>();

  constructor(private readonly storage: () => SeenStorage | undefined) {}

  private load(patientId: string): Set<string> {
    let ids = this.memory.get(patientId);
    if (ids) return ids;
    ids = new Set();
    try {
      const raw = this.storage()?.getItem(keyOf(patientId));
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      if (Array.isArray(parsed)) for (const id of parsed) if (typeof id === 'string') ids.add(id);
    } catch {
      // Unreadable or blocked storage: markers for this visit only.
    }
    this.memory.set(patientId, ids);
    return ids;
  }

  has(patientId: string, reportId: string): boolean {
    return this.load(patientId).has(reportId);
  }

  add(patientId: string, reportId: string): void {
    const ids = this.load(patientId);
    if (ids.has(reportId)) return;
    ids.add(reportId);
    const kept = [...ids].slice(-MAX_IDS);
    try {
      this.storage()?.setItem(keyOf(patientId), JSON.stringify(kept));
    } catch {
      // Full or blocked: the marker still clears for this visit.
    }
  }
}
