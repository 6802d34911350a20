import type { ReactiveControllerHost } from 'lit';
import { ReportFiles } from './report-files.js';
import { renderReport } from './report-view.js';

/**
 * An open report: the values, ranges, flags, files and links, with the range choice and the interpretation words.
 * Its own chunk, fetched as soon as the list shows (ahead of the first click), so that the list's first render does
 * not carry it.
 */
export function createDetail(host: ReactiveControllerHost) {
  return { files: new ReportFiles(host), render: renderReport };
}

export type Detail = ReturnType<typeof createDetail>;
