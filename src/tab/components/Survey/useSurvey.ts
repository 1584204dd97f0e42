import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { SurveyResponse } from '../../api/api-types';

export type SurveyState =
  | { status: 'loading' }
  | { status: 'loaded'; data: SurveyResponse }
  | { status: 'failed'; error: unknown };

/**
 * Loads `GET /api/survey`: every figure with small-cell suppression, and the focus groups; `reload`
 * reads them again.
 */
export function useSurvey(api: ApiClient): { state: SurveyState; reload: () => void } {
  const [state, setState] = useState<SurveyState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    // Read again after a change: the figures shown stay until the new ones arrive.
    setState((current) => (current.status === 'loaded' ? current : { status: 'loading' }));
    api
      .get<SurveyResponse>('/api/survey', { signal: abort.signal })
      .then((data) => setState({ status: 'loaded', data }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'failed', error });
      });
    return () => abort.abort();
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
