import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { DepartmentDetail } from '../../api/api-types';

/** A department's detail load: loading (perhaps over older data), loaded, or failed. */
export type DepartmentDetailState =
  | { status: 'loading'; data?: DepartmentDetail }
  | { status: 'loaded'; data: DepartmentDetail }
  | { status: 'failed'; error: unknown; data?: DepartmentDetail };

/**
 * Loads `GET /api/progress/departments/:departmentId`; `reload` fetches again and keeps the old
 * figures meanwhile. Another department starts afresh.
 */
export function useDepartmentDetail(
  api: ApiClient,
  departmentId: string,
): { state: DepartmentDetailState; reload: () => void } {
  const [state, setState] = useState<DepartmentDetailState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) =>
      s.data?.department.departmentId === departmentId
        ? { status: 'loading', data: s.data }
        : { status: 'loading' },
    );
    api
      .departmentDetail(departmentId, { signal: abort.signal })
      .then((data) => setState({ status: 'loaded', data }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState((s) => ({ status: 'failed', error, data: s.data }));
      });
    return () => abort.abort();
  }, [api, departmentId, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
