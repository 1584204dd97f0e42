import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { MyPlan } from '../../api/api-types';

/** The plan's load: loading (perhaps over older data), loaded, or failed. */
export type MyPlanState =
  | { status: 'loading'; data?: MyPlan }
  | { status: 'loaded'; data: MyPlan }
  | { status: 'failed'; error: unknown; data?: MyPlan };

/** Loads `GET /api/my/plan`; `reload` fetches again and keeps what is shown meanwhile. */
export function useMyPlan(api: ApiClient): { state: MyPlanState; reload: () => void } {
  const [state, setState] = useState<MyPlanState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data }));
    api
      .myPlan({ signal: abort.signal })
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
