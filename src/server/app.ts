import fs from 'node:fs';
import path from 'node:path';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';
import { ReapBot } from '../../bot/reap-bot';
import { onTurnError } from '../../bot/on-turn-error';
import type { Config } from '../config/config';
import type { Clock } from '../services/clock';
import { ProgressService } from '../services/progress-service';
import { TrainingService } from '../services/training-service';
import type { PlanStore } from '../store/plan-store';
import { toHttpError } from './http-errors';
import { identify, roleOf, type Caller } from './identity';
import { DEMO_PERSONAS } from '../services/demo/demo-city';

export type AppDeps = { config: Config; store: PlanStore; clock: Clock };

/** The bot adapter: token validation when a bot identity is configured, anonymous otherwise. */
export function createAdapter(config: Config): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password,
    MicrosoftAppType: config.bot.appId ? 'SingleTenant' : undefined,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
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

/**
 * One restify server: the bot endpoint, the tab's JSON API, the built tab and the probes.
 */
export function createServer({ config, store, clock }: AppDeps): restify.Server {
  const server = restify.createServer({ name: 'reap' });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));

  const training = new TrainingService(store, clock);
  const progress = new ProgressService(store, config.plan, clock);
  const adapter = createAdapter(config);
  const bot = new ReapBot({ store, training, tabUrl: `${config.publicUrl}/`, clock });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get(
    '/readyz',
    route(async (_req, res) => {
      try {
        await store.ping();
        res.send(200, { status: 'ready', store: store.kind });
      } catch (error) {
        res.send(503, { status: 'store unreachable', store: store.kind, message: String(error) });
      }
    }),
  );

  server.post(
    '/api/messages',
    route(async (req, res) => {
      await adapter.process(req, res, (context: TurnContext) => bot.run(context));
    }),
  );

  /** The verified caller, or a 401 the tab can explain. */
  async function caller(req: restify.Request, res: restify.Response): Promise<Caller | undefined> {
    const who = await identify(req, store, config);
    if (!who) {
      res.send(401, {
        error: 'unauthenticated',
        message: config.localMode
          ? 'Pick who you are in the identity picker (local mode).'
          : 'Sign in through Microsoft Teams to use reap.',
      });
    }
    return who;
  }

  server.get(
    '/api/me',
    route(async (req, res) => {
      const who = await identify(req, store, config);
      res.send(200, {
        mode: config.localMode ? 'local' : 'teams',
        person: who
          ? {
              id: who.person.id,
              displayName: who.person.displayName,
              departmentId: who.person.departmentId,
              tier: who.person.tier,
            }
          : null,
        role: who?.role ?? null,
      });
    }),
  );

  server.get(
    '/api/local/identities',
    route(async (_req, res) => {
      if (!config.localMode) {
        res.send(403, {
          error: 'forbidden',
          message: 'The identity picker works only in local mode (no BOT_ID or AAD_APP_CLIENT_ID).',
        });
        return;
      }
      const departments = new Map((await store.listDepartments()).map((d) => [d.id, d.name]));
      const ids: string[] = Object.values(DEMO_PERSONAS).map((p) => p.id);
      // Beside the demo personas, one lead of each of a few departments.
      const leads = (await store.listMembers()).filter((m) => m.role === 'lead').slice(0, 6);
      for (const m of leads) if (!ids.includes(m.personId)) ids.push(m.personId);
      const identities = [];
      for (const id of ids) {
        const person = await store.getPerson(id);
        if (!person) continue;
        identities.push({
          personId: person.id,
          displayName: person.displayName,
          role: await roleOf(person, store, config),
          departmentId: person.departmentId,
          departmentName: departments.get(person.departmentId) ?? person.departmentId,
        });
      }
      res.send(200, { identities });
    }),
  );

  server.get(
    '/api/progress/citywide',
    route(async (req, res) => {
      if (!(await caller(req, res))) return;
      res.send(200, await progress.citywide());
    }),
  );

  server.get(
    '/api/plan',
    route(async (req, res) => {
      if (!(await caller(req, res))) return;
      const [goals, strategies, milestones] = await Promise.all([
        store.listGoals(),
        store.listStrategies(),
        store.listMilestones(),
      ]);
      res.send(200, { plan: config.plan, goals, strategies, milestones });
    }),
  );

  server.get(
    '/api/my/trainings',
    route(async (req, res) => {
      const who = await caller(req, res);
      if (!who) return;
      res.send(200, { trainings: await training.myTrainings(who.person.id) });
    }),
  );

  serveTab(server, config.tabDir);
  return server;
}

/** Serves the built tab; until it is built, `/` says how to build it. */
function serveTab(server: restify.Server, tabDir: string): void {
  const index = path.join(tabDir, 'index.html');
  server.get('/', (_req, res, next) => {
    if (!fs.existsSync(index)) {
      res.send(503, {
        error: 'tab_not_built',
        message: `The tab is not built (${index} is missing): run "npm run build".`,
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
