import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { AnnualReportContent, ReportListResponse } from '../../api/api-types';

/** A load: loading, loaded, or failed. */
export type Loaded<T> =
  { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; error: unknown };

/** `GET /api/reports`: the years a report can be compiled for, newest first, and which are. */
export function useReportList(api: ApiClient): {
  state: Loaded<ReportListResponse>;
  reload: () => void;
} {
  const [state, setState] = useState<Loaded<ReportListResponse>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    api
      .get<ReportListResponse>('/api/reports', { signal: abort.signal })
      .then((data) => setState({ status: 'loaded', data }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'failed', error });
      });
    return () => abort.abort();
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}

/** A compiled report: its content (for the page's figures) and its HTML page (to show it whole). */
export type CompiledReport = { content: AnnualReportContent; html: string };

/**
 * The compiled report of `year` (`GET /api/reports/:year` and `:year.html`), read again when
 * `compiledAt` changes; nothing while the year has not been compiled.
 */
export function useCompiledReport(
  api: ApiClient,
  year: number | undefined,
  compiledAt: string | undefined,
): { state: Loaded<CompiledReport> | undefined; reload: () => void } {
  const [state, setState] = useState<Loaded<CompiledReport>>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (year === undefined || !compiledAt) {
      setState(undefined);
      return;
    }
    const abort = new AbortController();
    setState({ status: 'loading' });
    Promise.all([
      api.get<AnnualReportContent>(`/api/reports/${year}`, { signal: abort.signal }),
      api
        .file(`/api/reports/${year}.html`, { signal: abort.signal })
        .then((file) => file.blob.text()),
    ])
      .then(([content, html]) => setState({ status: 'loaded', data: { content, html } }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'failed', error });
      });
    return () => abort.abort();
  }, [api, year, compiledAt, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
