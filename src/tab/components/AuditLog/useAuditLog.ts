import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { AuditEntryView, AuditResponse } from '../../api/api-types';

export type AuditLogState =
  | { status: 'loading'; entries?: AuditEntryView[] }
  | { status: 'loaded'; entries: AuditEntryView[] }
  | { status: 'failed'; error: unknown; entries?: AuditEntryView[] };

/** Loads `GET /api/audit`, newest first; `reload` fetches again and keeps the old rows meanwhile. */
export function useAuditLog(api: ApiClient): { state: AuditLogState; reload: () => void } {
  const [state, setState] = useState<AuditLogState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', entries: s.entries }));
    api
      .get<AuditResponse>('/api/audit', { signal: abort.signal })
      .then(({ entries }) => setState({ status: 'loaded', entries }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState((s) => ({ status: 'failed', error, entries: s.entries }));
      });
    return () => abort.abort();
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
