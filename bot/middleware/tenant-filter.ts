import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { log } from '../../src/observability/log';

/** The tenant an activity says it comes from, when Teams' two places for it agree. */
export function activityTenant(activity: Activity): string | undefined {
  const fromConversation = activity.conversation?.tenantId?.toLowerCase();
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const rawChannelTenant = channelData?.tenant?.id;
  const fromChannelData =
    typeof rawChannelTenant === 'string' ? rawChannelTenant.toLowerCase() : undefined;
  if (fromConversation && fromChannelData && fromConversation !== fromChannelData) return undefined;
  return fromConversation ?? fromChannelData;
}

/**
 * Drops every activity that does not come from the city's tenant, before any handler runs: the
 * bot is single-tenant, and a Teams user elsewhere who reaches it (a shared channel, a guest's
 * home tenant, a leaked app package) gets nothing and changes nothing. The drop is logged; Teams
 * gets 200, and an invoke an empty 200, so nothing is retried.
 */
export class TenantFilter implements Middleware {
  private readonly tenantId: string;

  constructor(tenantId: string) {
    this.tenantId = tenantId.toLowerCase();
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const tenant = activityTenant(context.activity);
    if (tenant === this.tenantId) {
      await next();
      return;
    }
    const { activity } = context;
    // What the activity says is logged only in part, in characters that cannot forge a log line.
    const said = (value: string | undefined) =>
      (value ?? '').replace(/[^\w.:-]/g, '?').slice(0, 80);
    log.warn(
      { tenant: tenant ? said(tenant) : '(none or conflicting)', servedTenant: this.tenantId },
      `dropped ${said(activity.type)} activity ${said(activity.id)} from tenant ${tenant ? said(tenant) : '(none or conflicting)'}; this bot serves tenant ${this.tenantId} only`,
    );
    if (activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    }
  }
}
