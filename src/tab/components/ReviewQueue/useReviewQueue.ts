import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CitywideProgress, ToolkitAnalysisView } from '../../api/api-types';

/** The analyses waiting for review, and the departments' figures they will move. */
export type ReviewQueueState =
  | { status: 'loading'; analyses?: ToolkitAnalysisView[]; progress?: CitywideProgress }
  | { status: 'loaded'; analyses: ToolkitAnalysisView[]; progress?: CitywideProgress }
  | {
      status: 'failed';
      error: unknown;
      analyses?: ToolkitAnalysisView[];
      progress?: CitywideProgress;
    };

/**
 * Loads the review queue (`GET /api/toolkit/analyses?status=submitted`, oldest submission first)
 * and the citywide figures beside it; `reload` reads both again, keeping the old meanwhile.
 */
export function useReviewQueue(api: ApiClient): {
  state: ReviewQueueState;
  reload: () => Promise<CitywideProgress | undefined>;
} {
  const [state, setState] = useState<ReviewQueueState>({ status: 'loading' });
  const load = useCallback(
    async (signal?: AbortSignal): Promise<CitywideProgress | undefined> => {
      setState((s) => ({ ...s, status: 'loading' }) as ReviewQueueState);
      try {
        const [{ analyses }, progress] = await Promise.all([
          api.toolkitAnalyses('submitted', { signal }),
          // The figures are a courtesy: the queue shows without them.
          api.citywideProgress({ signal }).catch(() => undefined),
        ]);
        if (signal?.aborted) return undefined;
        setState({ status: 'loaded', analyses, progress });
        return progress;
      } catch (error) {
        if (!signal?.aborted) {
          setState((s) => ({
            status: 'failed',
            error,
            analyses: s.analyses,
            progress: s.progress,
          }));
        }
        return undefined;
      }
    },
    [api],
  );
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);
  const reload = useCallback(() => load(), [load]);
  return { state, reload };
}
