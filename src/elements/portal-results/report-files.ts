import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Report } from '../../model/results.js';
import { sniffType } from '../../ui/sniff-type.js';

/** Larger inline files are not decoded in the page (a report PDF is well under this). */
const MAX_BYTES = 20 * 1024 * 1024;

export type ReportFile =
  | { status: 'ready'; title?: string; url: string; fileName: string }
  /** Not offered: the bytes are not the declared type (or none is declared), or they cannot be read. */
  | { status: 'refused'; title?: string; declared?: string }
  /** Only a link to the server: not fetched here. */
  | { status: 'elsewhere'; title?: string };

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic' };

function decode(data: string): Uint8Array<ArrayBuffer> | undefined {
  if (data.length > (MAX_BYTES * 4) / 3 + 4) return undefined;
  try {
    const text = atob(data.replace(/\s+/g, ''));
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * A report's attached files (`presentedForm`), offered as downloads only once their own bytes prove to be the type
 * the server declared: a "PDF" that is something else is named and refused. Checked once per report; the object
 * URLs are released when the host leaves the page.
 */
export class ReportFiles implements ReactiveController {
  private readonly checked = new Map<string, ReportFile[]>();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  files(report: Report): ReportFile[] {
    const cached = this.checked.get(report.id);
    if (cached) return cached;
    const files = (report.presentedForms ?? []).map((form, index): ReportFile => {
      const title = form.title;
      if (!form.data) return { status: 'elsewhere', title };
      const declared = form.contentType?.split(';')[0].trim().toLowerCase();
      const bytes = decode(form.data);
      const actual = bytes && bytes.length > 0 ? sniffType(bytes) : undefined;
      if (!bytes || !actual || actual !== declared) return { status: 'refused', title, declared };
      const url = URL.createObjectURL(new Blob([bytes], { type: actual }));
      return { status: 'ready', title, url, fileName: `report-${index + 1}.${EXTENSIONS[actual]}` };
    });
    this.checked.set(report.id, files);
    return files;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.clear();
  }

  /** Releases every file's object URL (on disconnect, and when the patient changes). */
  clear(): void {
    for (const files of this.checked.values()) for (const file of files) if (file.status === 'ready') URL.revokeObjectURL(file.url);
    this.checked.clear();
  }
}
