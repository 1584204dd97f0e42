import fs from 'node:fs';
import path from 'node:path';
import type { INetworkModule } from '@azure/msal-node';
import { CloudAdapter, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { activityEnvelope } from '../../bot/activity-schema';
import { TenantFilter } from '../../bot/middleware/tenant-filter';
import { onTurnError } from '../../bot/on-turn-error';
import { quarterlyReminderFor } from '../../bot/forms/strategy-status-form';
import type { BotDeps } from '../../bot/bot-deps';
import { reviewAnalysis } from '../../bot/forms/toolkit-review';
import { ReapBot } from '../../bot/reap-bot';
import type { Config } from '../config/config';
import type { Clock } from '../services/clock';
import { AnalysisListService } from '../services/analysis-list-service';
import { MyPlanService } from '../services/my-plan-service';
import { ProgressReadModel } from '../services/progress-read-model';
import { ProgressService } from '../services/progress-service';
import { TrainingService } from '../services/training-service';
import { IndicatorService } from '../services/indicators/indicator-service';
import { AnnualReportService } from '../services/report/annual-report-service';
import { reportLibraryFor } from '../services/report/report-library';
import { SurveyService } from '../services/survey/survey-service';
import type { PlanStore } from '../store/plan-store';
import { SqliteChangeProbe } from '../store/sqlite/sqlite-change-probe';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { SharePointStore } from '../store/sharepoint/sharepoint-store';
import { asJob, log } from '../observability/log';
import { logRequests, resumeLogContext, tagActivity } from './http/request-log';
import { checkReadiness } from './readiness';
import { trackWrites } from '../store/write-tracking-store';
import { ActorResolver } from './auth/actors';
import { ChannelAuthentication } from './auth/bot-authentication';
import { identifyRequest } from './auth/identify-request';
import { createSsoTokenVerifier } from './auth/sso-token-verifier';
import { mountApiRoutes } from './http/api-route';
import { RateLimiter } from './http/rate-limit';
import { parseInput } from './input/parse-input';
import { securityHeaders } from './http/security-headers';
import { toHttpError } from './http-errors';
import { withConversations } from '../campaigns/conversation-store';
import {
  openConversationStore,
  startCampaignRuntime,
  type CampaignRuntime,
} from './campaign-runtime';
import { apiRoutes } from './routes';
import { teamsReach } from './teams-reach';

export type AppDeps = {
  config: Config;
  store: PlanStore;
  clock: Clock;
  /**
   * MSAL's HTTP transport for the bot's own tokens; tests pass one that reaches a local Entra
   * emulator. Production leaves it out.
   */
  entraNetwork?: INetworkModule;
  /** Passed to the campaign runtime (benchmarks replace the Bot Framework transport). */
  campaignOptions?: Pick<Parameters<typeof startCampaignRuntime>[0], 'transport' | 'reach'>;
};

/** The server, with the campaign runtime running beside it (closed by `closeReapServer`). */
export type ReapServer = restify.Server & { campaigns: CampaignRuntime };

/** Largest request body accepted; more is answered 413. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The bot adapter: with a bot app id, every request's Bot Framework token is validated (401
 * otherwise) and activities from other tenants are dropped; without one, anonymous (local mode).
 */
export function createAdapter(config: Config, entraNetwork?: INetworkModule): CloudAdapter {
  const adapter = new CloudAdapter(new ChannelAuthentication(config.bot, entraNetwork));
  if (config.bot.tenantId) adapter.use(new TenantFilter(config.bot.tenantId));
  adapter.onTurnError = onTurnError;
  return adapter;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** Wraps a route so every error goes through one mapping, and restify's `next` is called once. */
function route(handler: Handler): restify.RequestHandler {
  return (req, res, next) => {
    handler(req, res)
      .catch((error: unknown) => {
        const { status, body } = toHttpError(error);
        if (!res.headersSent) res.send(status, body);
      })
      .finally(() => next());
  };
}

/** restify's own errors (404, 405, 413, bad JSON) in reap's shape: a code and a message, no more. */
function quietRestifyErrors(server: restify.Server): void {
  server.on(
    'restifyError',
    (
      _req: restify.Request,
      _res: restify.Response,
      err: Error & { statusCode?: number },
      cb: () => void,
    ) => {
      const status = err.statusCode ?? 500;
      const message =
        status === 413
          ? `The request is too large (at most ${MAX_BODY_BYTES / 1024} KB).`
          : status >= 500
            ? 'Something went wrong; try again.'
            : status === 400
              ? 'The request could not be read (is the body valid JSON?).'
              : err.message.slice(0, 200);
      Object.assign(err, {
        toJSON: () => ({ error: err.name.replace(/Error$/, '').toLowerCase() || 'error', message }),
      });
      cb();
    },
  );
}

/**
 * One restify server: the bot endpoint, the tab's JSON API, the built tab and the probes.
 */
export function createServer({
  config,
  store: plainStore,
  clock,
  entraNetwork,
  campaignOptions,
}: AppDeps): ReapServer {
  // Every write of the server (API, bot, campaigns) goes through this one, so the progress read
  // model knows at once that its figures are out of date.
  const tracked = trackWrites(plainStore);
  // Conversation references are shared between instances when Azure Storage is configured.
  const conversations = openConversationStore(config, tracked);
  const store = withConversations(tracked, conversations);
  const server = restify.createServer({ name: 'reap' }) as ReapServer;
  logRequests(server);
  server.pre(securityHeaders({ https: config.publicUrl.startsWith('https://') }));
  server.use(restify.plugins.queryParser());
  // JSON only: other content types stay raw text (which every schema refuses), and multipart
  // uploads are never parsed or written to disk.
  server.use(restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }));
  server.use(restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }));
  server.use(resumeLogContext);
  quietRestifyErrors(server);

  const adapter = createAdapter(config, entraNetwork);
  const reach = teamsReach(config, store, clock);
  const campaigns = startCampaignRuntime({
    config,
    store,
    clock,
    adapter,
    conversations,
    ...(reach ? { reach } : {}),
    ...campaignOptions,
  });
  server.campaigns = campaigns;
  const training = new TrainingService(store, clock, {
    inbox: campaigns.inbox,
    storeWaitMs: config.campaign.storeWaitMs,
    onStoreError: (error) =>
      log.error({ err: error }, 'a confirmation is kept locally until the store takes it'),
  });
  // What a stop left in the inbox goes to the store now, and then every few seconds.
  const flush = () => {
    asJob('inbox flush', () =>
      training
        .flushPending()
        .catch((error: unknown) => log.error({ err: error }, 'the inbox could not be flushed')),
    );
  };
  flush();
  const flushing = setInterval(flush, 5000);
  flushing.unref();
  server.on('close', () => clearInterval(flushing));
  // Each lead is reminded once a quarter of the strategy statuses due (the notice key makes a
  // second run, or a restart, send nothing more); checked at start and hourly, by the one
  // instance that leads.
  const reminder = quarterlyReminderFor({
    store,
    clock,
    plan: config.plan,
    notices: campaigns.notices,
  });
  campaigns.whileLeading('quarterly reminder', 3_600_000, () => reminder.run());
  const progress = new ProgressService(store, config.plan, clock);
  // On SQLite, writes by other processes (a CLI import) show on the next request; on SharePoint
  // the read model recomputes from its delta-fed lists every few seconds.
  const probe =
    plainStore instanceof SqliteStore ? new SqliteChangeProbe(plainStore.file) : undefined;
  if (probe) server.on('close', () => probe.close());
  const readModel = new ProgressReadModel(progress, store, {
    ...(probe ? { changeToken: () => probe.token() } : {}),
    onError: (error) => log.error({ err: error }, 'the progress read model could not refresh'),
  });
  const actors = new ActorResolver(store, config);
  const botDeps: BotDeps = {
    store,
    training,
    campaigns: campaigns.service,
    notices: campaigns.notices,
    plan: config.plan,
    actors,
    // With the app's id in the org catalog, cards open the tab inside Teams (a deep link).
    tabUrl: config.campaign.installTeamsAppId
      ? { url: `${config.publicUrl}/`, teamsAppId: config.campaign.installTeamsAppId }
      : `${config.publicUrl}/`,
    clock,
  };
  const bot = new ReapBot(botDeps);

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  const readinessChecks = {
    store: { name: 'store', target: store.kind, check: () => store.ping() } as const,
    graph:
      plainStore instanceof SharePointStore
        ? ({
            name: 'graph',
            target: config.sharepoint?.graphEndpoint ?? 'Graph',
            check: () => plainStore.reachGraph(),
          } as const)
        : undefined,
  };
  server.get(
    '/readyz',
    route(async (_req, res) => {
      const { ready, checks } = await checkReadiness(readinessChecks.store, readinessChecks.graph);
      if (!ready) log.warn({ checks }, 'not ready');
      res.send(ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        store: store.kind,
        checks,
      });
    }),
  );

  server.post(
    '/api/messages',
    route(async (req, res) => {
      tagActivity(parseInput(activityEnvelope, req.body, 'body'));
      await adapter.process(req, res, (context: TurnContext) => bot.run(context));
    }),
  );

  const sso = createSsoTokenVerifier(config.tabAuth);
  mountApiRoutes(
    server,
    apiRoutes({
      config,
      store,
      actors,
      training,
      progress,
      readModel,
      myPlan: new MyPlanService(store, readModel, training, config.plan),
      analyses: new AnalysisListService(store),
      campaigns: campaigns.service,
      reviewAnalysis: (input) => reviewAnalysis(botDeps, input),
      reports: new AnnualReportService(store, config.plan, clock, reportLibraryFor(plainStore)),
      indicators: new IndicatorService(store, clock),
      survey: new SurveyService(store, config.plan, clock),
    }),
    {
      identify: (req) => identifyRequest(req, { localMode: config.localMode, store, actors, sso }),
      // Real time, not `clock`: tests fix "today", yet their requests must still refill the bucket.
      limiter: new RateLimiter(config.rateLimit),
      localMode: config.localMode,
    },
  );

  serveTab(server, config.tabDir);
  return server;
}

/** Closes the server, then lets the sender settle its sends in flight and closes the queue. */
export async function closeReapServer(server: ReapServer): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections would hold the close open until they time out.
  server.server.closeAllConnections();
  await closed;
  await server.campaigns.close();
}

/** Serves the built tab; until it is built, `/` says how to build it. */
function serveTab(server: restify.Server, tabDir: string): void {
  const index = path.join(tabDir, 'index.html');
  server.get('/', (_req, res, next) => {
    if (!fs.existsSync(index)) {
      res.send(503, {
        error: 'tab_not_built',
        message: 'The tab is not built: run "npm run build".',
      });
      return next();
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.sendRaw(200, fs.readFileSync(index));
    return next();
  });
  server.get(
    '/*',
    restify.plugins.serveStaticFiles(tabDir, {
      maxAge: 3600,
    }),
  );
}
