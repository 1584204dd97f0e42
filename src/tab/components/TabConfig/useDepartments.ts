import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { DepartmentsResponse } from '../../api/api-types';

export type Department = DepartmentsResponse['departments'][number];

export type DepartmentsState =
  | { status: 'loading' }
  | { status: 'loaded'; departments: Department[] }
  | { status: 'failed'; error: unknown };

/** Loads `GET /api/departments`, sorted by name for the picker. */
export function useDepartments(api: ApiClient): { state: DepartmentsState; reload: () => void } {
  const [state, setState] = useState<DepartmentsState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    api
      .departments({ signal: abort.signal })
      .then(({ departments }) =>
        setState({
          status: 'loaded',
          departments: [...departments].sort((a, b) => a.name.localeCompare(b.name)),
        }),
      )
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'failed', error });
      });
    return () => abort.abort();
  }, [api, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
