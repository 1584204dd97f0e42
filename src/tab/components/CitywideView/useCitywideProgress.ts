import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CitywideProgress } from '../../api/api-types';

/** The citywide progress load: loading (perhaps over older data), loaded, or failed. */
export type CitywideProgressState =
  | { status: 'loading'; data?: CitywideProgress }
  | { status: 'loaded'; data: CitywideProgress }
  | { status: 'failed'; error: unknown; data?: CitywideProgress };

/** Loads `GET /api/progress/citywide`; `reload` fetches again and keeps the old figures meanwhile. */
export function useCitywideProgress(api: ApiClient): {
  state: CitywideProgressState;
  reload: () => void;
} {
  const [state, setState] = useState<CitywideProgressState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data }));
    api
      .citywideProgress({ signal: abort.signal })
      .then((data) => setState({ status: 'loaded', data }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState((s) => ({ status: 'failed', error, data: s.data }));
      });
    return () => abort.abort();
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
