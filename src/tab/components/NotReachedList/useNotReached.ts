import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { RecipientView, RecipientsResponse } from '../../api/api-types';
import { NOT_REACHED_STATUSES } from '../../text/campaign-text';

export type NotReachedState =
  | { status: 'idle' }
  | { status: 'loading'; people?: RecipientView[] }
  | { status: 'loaded'; people: RecipientView[] }
  | { status: 'failed'; error: unknown; people?: RecipientView[] };

const byDepartmentThenName = (a: RecipientView, b: RecipientView) =>
  a.departmentId.localeCompare(b.departmentId) || a.displayName.localeCompare(b.displayName);

/**
 * The people a campaign did not reach (blocked, not installed, no longer reachable, could not
 * send), read from `GET /api/campaigns/:id/recipients` once per status, only while `enabled`;
 * read again when `total` (how many the counts say) changes while the campaign sends.
 */
export function useNotReached(
  api: ApiClient,
  campaignId: string,
  enabled: boolean,
  total: number,
): { state: NotReachedState; reload: () => void } {
  const [state, setState] = useState<NotReachedState>({ status: 'idle' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    setState((s) => ({ status: 'loading', people: 'people' in s ? s.people : undefined }));
    Promise.all(
      NOT_REACHED_STATUSES.map((status) =>
        api.get<RecipientsResponse>(
          `/api/campaigns/${encodeURIComponent(campaignId)}/recipients?status=${status}`,
          { signal: abort.signal },
        ),
      ),
    )
      .then((answers) => {
        const people = answers.flatMap((a) => a.recipients).sort(byDepartmentThenName);
        setState({ status: 'loaded', people });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState((s) => ({
          status: 'failed',
          error,
          people: 'people' in s ? s.people : undefined,
        }));
      });
    return () => abort.abort();
  }, [api, campaignId, enabled, total, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
