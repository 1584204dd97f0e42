import type { Config } from '../config/config';
import type { IsoDate } from '../domain';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

/**
 * What the start line must say about security that a city admin cannot miss, one line each:
 * an anonymous bot endpoint outside local mode, a tab API nobody can sign in to, local mode on an
 * address other machines reach. Local mode itself has its own start line.
 */
export function startWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (!config.localMode && !config.bot.appId) {
    warnings.push(
      'reap: WARNING - BOT_ID is not set: the bot endpoint /api/messages accepts UNAUTHENTICATED requests from anyone who can reach this server. Set BOT_ID, BOT_PASSWORD and BOT_TENANT_ID.',
    );
  }
  if (!config.localMode && !config.tabAuth.clientId) {
    warnings.push(
      'reap: WARNING - AAD_APP_CLIENT_ID is not set: nobody can sign in to the tab. Set AAD_APP_CLIENT_ID and AAD_APP_TENANT_ID.',
    );
  }
  if (config.localMode && !LOOPBACK.test(config.host)) {
    warnings.push(
      `reap: WARNING - LOCAL MODE on ${config.host}: other machines can reach an unauthenticated bot and pick any identity in the tab. Use HOST=127.0.0.1, or configure BOT_ID and AAD_APP_CLIENT_ID.`,
    );
  }
  return warnings;
}

/**
 * What the start line says about the date reap runs on: the date `REAP_TODAY` set, or, when the
 * plan's period is over, how to look at it as it was, or to configure the current plan.
 */
export function dateLines(config: Config, today: IsoDate): string[] {
  if (config.today) {
    return [`reap: today        ${today} (REAP_TODAY; the clock runs on from there)`];
  }
  const { period } = config.plan;
  if (today > period.end) {
    return [
      `reap: note - the plan's period (${period.start} to ${period.end}) is over, so its figures are final and nothing is due. To see the demo city in the middle of the plan, start with REAP_TODAY=2021-06-15; for a new plan, set PLAN_SETTINGS_FILE.`,
    ];
  }
  return [];
}
