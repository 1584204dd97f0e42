import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CampaignView, CampaignsResponse } from '../../api/api-types';

/** How often the live figures are read while a campaign is sending. */
export const CAMPAIGN_POLL_MS = 2_000;

export type CampaignsState =
  | { status: 'loading'; campaigns?: CampaignView[] }
  | { status: 'loaded'; campaigns: CampaignView[] }
  | { status: 'failed'; error: unknown; campaigns?: CampaignView[] };

const newestFirst = (a: CampaignView, b: CampaignView) => b.startedAt.localeCompare(a.startedAt);

/**
 * Loads `GET /api/campaigns`, newest first, and reads it again every 2 s while any campaign is
 * still sending. It stops when none is, when the page is hidden (another browser tab, Teams
 * minimised) and when the view closes; a hidden page that comes back reads at once.
 * `refresh` reads now (after starting a campaign) and polls again if one is sending.
 */
export function useCampaigns(api: ApiClient): { state: CampaignsState; refresh: () => void } {
  const [state, setState] = useState<CampaignsState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reading = false;
    /** The last answer had a campaign sending: keep reading. */
    let live = true;

    const read = async () => {
      timer = undefined;
      reading = true;
      try {
        const { campaigns } = await api.get<CampaignsResponse>('/api/campaigns', {
          signal: abort.signal,
        });
        if (abort.signal.aborted) return;
        setState({ status: 'loaded', campaigns: [...campaigns].sort(newestFirst) });
        live = campaigns.some((c) => c.state === 'running');
      } catch (error) {
        if (abort.signal.aborted) return;
        setState((s) => ({ status: 'failed', error, campaigns: s.campaigns }));
        // A failed read stops the polling; the problem shown offers to try again.
        live = false;
      } finally {
        reading = false;
      }
      if (!abort.signal.aborted && live && document.visibilityState === 'visible') {
        timer = setTimeout(() => void read(), CAMPAIGN_POLL_MS);
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        clearTimeout(timer);
        timer = undefined;
      } else if (live && !reading && timer === undefined) {
        void read();
      }
    };

    void read();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      abort.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, generation]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, refresh };
}
