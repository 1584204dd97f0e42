import { z } from 'zod';
import type { ApiRoute } from '../http/api-route';
import { isoDate, recordId, text } from '../input/limits';
import { parseInput } from '../input/parse-input';
import { RECIPIENT_STATUSES } from '../../campaigns/send-queue';
import type { RecipientStatus } from '../../domain';
import { rosterPersonId, type RouteDeps } from './route-deps';

const waveParams = z.object({ waveId: recordId() });
const campaignParams = z.object({ campaignId: recordId() });

/** The body of `POST /api/waves/:waveId/open`. */
export const openWaveBody = z.strictObject({
  dueOn: isoDate(),
  /** Required when the wave before it has not opened; kept on the wave. */
  overrideReason: text().optional(),
});

/** The body of `POST /api/campaigns`. */
export const startCampaignBody = z.strictObject({ waveId: recordId() });

const recipientsQuery = z.strictObject({
  status: z
    .enum(RECIPIENT_STATUSES as [RecipientStatus, ...RecipientStatus[]], {
      message: `must be one of ${RECIPIENT_STATUSES.join(', ')}`,
    })
    .optional(),
});

/** The officer's waves and reminder campaigns. */
export function campaignRoutes({ campaigns }: RouteDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/api/waves',
      action: 'waves.read',
      async handle() {
        return { body: { waves: await campaigns.waves() } };
      },
    },
    {
      method: 'post',
      path: '/api/waves/:waveId/open',
      action: 'wave.open',
      async handle({ actor, params, body }) {
        const { waveId } = parseInput(waveParams, params, 'params');
        const input = parseInput(openWaveBody, body ?? {}, 'body');
        const wave = await campaigns.openWave(rosterPersonId(actor), waveId, input);
        return { body: { wave } };
      },
    },
    {
      method: 'post',
      path: '/api/campaigns',
      action: 'campaign.start',
      async handle({ actor, body }) {
        const { waveId } = parseInput(startCampaignBody, body ?? {}, 'body');
        const campaign = await campaigns.start(rosterPersonId(actor), waveId);
        return { status: 201, body: { campaign } };
      },
    },
    {
      method: 'get',
      path: '/api/campaigns',
      action: 'campaigns.read',
      async handle() {
        return { body: { campaigns: await campaigns.campaigns() } };
      },
    },
    {
      method: 'get',
      path: '/api/campaigns/:campaignId/recipients',
      action: 'campaigns.read',
      async handle({ params, query }) {
        const { campaignId } = parseInput(campaignParams, params, 'params');
        const { status } = parseInput(recipientsQuery, query, 'query');
        return { body: { recipients: await campaigns.recipients(campaignId, status) } };
      },
    },
  ];
}
