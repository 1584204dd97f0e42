import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { IndicatorsResponse } from '../../api/api-types';

/** The indicators load: loading (perhaps over older data), loaded, or failed. */
export type IndicatorsState =
  | { status: 'loading'; data?: IndicatorsResponse }
  | { status: 'loaded'; data: IndicatorsResponse }
  | { status: 'failed'; error: unknown; data?: IndicatorsResponse };

/** Loads `GET /api/indicators`; `reload` reads it again (after an import) keeping the old meanwhile. */
export function useIndicators(api: ApiClient): { state: IndicatorsState; reload: () => void } {
  const [state, setState] = useState<IndicatorsState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data }));
    api
      .get<IndicatorsResponse>('/api/indicators', { signal: abort.signal })
      .then((data) => setState({ status: 'loaded', data }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState((s) => ({ status: 'failed', error, data: s.data }));
      });
    return () => abort.abort();
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
