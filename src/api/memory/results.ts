import type { Report, Result } from '../../model/index.js';
import type { ResultsApi } from '../portal-api.js';
import { apiError, type Runtime } from './runtime.js';
import type { MemoryStore } from './store.js';

const effectiveMs = (item: { effective?: string }): number => (item.effective ? Date.parse(item.effective) : 0);

export function createResultsApi(store: MemoryStore, runtime: Runtime): ResultsApi {
  function listReports() {
    const reports = [...store.reports].sort((a, b) => effectiveMs(b) - effectiveMs(a) || (a.id < b.id ? -1 : 1));
    return runtime.list(reports);
  }

  function getReport(reportId: string): Report {
    const report = store.reports.find((r) => r.id === reportId);
    if (!report) throw apiError('not-found', 'results.getReport');
    return report;
  }

  /** Every result of one test across all reports, oldest first, as a trend chart reads them. */
  function resultHistory(code: { system?: string; code: string }) {
    const matches = (result: Result): boolean =>
      result.code.codings.some((c) => c.code === code.code && (code.system === undefined || c.system === code.system));
    const history = store.reports
      .flatMap((report) => report.results)
      .filter(matches)
      .sort((a, b) => effectiveMs(a) - effectiveMs(b) || (a.id < b.id ? -1 : 1));
    return runtime.list(history);
  }

  return {
    listReports: (signal) => runtime.call('results.listReports', signal, undefined, listReports),
    getReport: (reportId, signal) => runtime.call('results.getReport', signal, reportId, getReport),
    resultHistory: (code, signal) => runtime.call('results.resultHistory', signal, code, resultHistory),
  };
}
