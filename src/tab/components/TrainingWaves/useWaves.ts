import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { WaveView, WavesResponse } from '../../api/api-types';

export type WavesState =
  | { status: 'loading'; waves?: WaveView[] }
  | { status: 'loaded'; waves: WaveView[] }
  | { status: 'failed'; error: unknown; waves?: WaveView[] };

/** Loads `GET /api/waves`; `reload` fetches again and keeps the old waves meanwhile. */
export function useWaves(api: ApiClient): { state: WavesState; reload: () => void } {
  const [state, setState] = useState<WavesState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', waves: s.waves }));
    api
      .get<WavesResponse>('/api/waves', { signal: abort.signal })
      .then(({ waves }) => setState({ status: 'loaded', waves }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState((s) => ({ status: 'failed', error, waves: s.waves }));
      });
    return () => abort.abort();
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
