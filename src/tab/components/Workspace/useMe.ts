import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { MeResponse } from '../../api/api-types';

/**
 * Who the signed-in person is and their role, as the server decided it (`GET /api/me` with the
 * person's credentials). Undefined until known, and if it cannot be read: the pages then show what
 * every role sees, and the server still refuses what the role may not do.
 */
export function useMe(api: ApiClient): MeResponse | undefined {
  const [me, setMe] = useState<MeResponse>();
  useEffect(() => {
    const abort = new AbortController();
    api
      .get<MeResponse>('/api/me', { signal: abort.signal })
      .then(setMe)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) console.warn('reap: could not read who is signed in', error);
      });
    return () => abort.abort();
  }, [api]);
  return me;
}
