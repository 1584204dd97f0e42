import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startGraphEmulator, type GraphEmulator } from '../emulators/graph';
import { startBotConnectorEmulator } from '../emulators/bot-connector';
import { captureLog, type LogCapture } from '../support/log-capture';
import { tempDir } from '../support/temp-dir';
import { emulatedConfig, emulatedStore, provisionEmulator } from '../store/sharepoint-emulated';
import { planSeed } from '../../src/services/demo/demo-city';

const asOfficer = { 'x-reap-local-person': DEMO_PERSONAS.officer.id };

describe('correlation ids and request logs', () => {
  let reap: RunningReap;
  let logged: LogCapture;
  beforeAll(async () => {
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' });
  });
  afterAll(async () => {
    await reap?.close();
  });
  beforeEach(() => {
    logged = captureLog();
  });
  afterEach(() => logged.stop());

  const requestLines = () => logged.lines.filter((l) => l.msg.startsWith('request'));

  it('gives each request a new correlation id, answers it and logs one line with it', async () => {
    const a = await fetch(`${reap.url}/api/plan`, { headers: asOfficer });
    const b = await fetch(`${reap.url}/api/plan`, { headers: asOfficer });
    const ids = [a, b].map((r) => r.headers.get('x-correlation-id'));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).not.toBe(ids[0]);
    const lines = requestLines();
    expect(lines.map((l) => l.correlationId)).toEqual(ids);
    expect(lines[0]).toMatchObject({
      level: 'info',
      name: 'reap',
      http: { method: 'GET', path: '/api/plan', status: 200 },
    });
    expect(typeof (lines[0]?.http as { ms: unknown }).ms).toBe('number');
    expect(Date.parse(String(lines[0]?.time))).not.toBeNaN();
  });

  it("keeps a caller's well-formed correlation id and replaces one that could forge a log", async () => {
    const kept = await fetch(`${reap.url}/api/plan`, {
      headers: { ...asOfficer, 'x-correlation-id': 'helpdesk-4711.retry-2' },
    });
    expect(kept.headers.get('x-correlation-id')).toBe('helpdesk-4711.retry-2');
    const forged = await fetch(`${reap.url}/api/plan`, {
      headers: { ...asOfficer, 'x-correlation-id': 'x" level=error msg="forged' },
    });
    const replaced = forged.headers.get('x-correlation-id');
    expect(replaced).not.toContain('forged');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().map((l) => l.correlationId)).toEqual(['helpdesk-4711.retry-2', replaced]);
  });

  it('logs a refused request as info with its status, and a probe only at debug', async () => {
    const refused = await fetch(`${reap.url}/api/plan`);
    expect(refused.status).toBe(401);
    await fetch(`${reap.url}/healthz`);
    const lines = requestLines();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'info', http: expect.objectContaining({ status: 401 }) }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        http: expect.objectContaining({ path: '/healthz', status: 200 }),
      }),
    );
  });

  it('tags a bot activity: its id and type on every line written while handling it', async () => {
    const connector = await startBotConnectorEmulator();
    // The connector refuses the reply: the failure is logged inside the activity.
    connector.failNext(2, { status: 403 });
    const res = await fetch(`${reap.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'activity-0042',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: '29:someone', aadObjectId: '00000000-0000-4000-8000-00000000abcd' },
        recipient: { id: '28:reap' },
        conversation: { id: 'a:conversation-1' },
        text: 'help',
      }),
    });
    await connector.close();
    expect(res.status).toBe(200);
    const correlationId = res.headers.get('x-correlation-id');
    const lines = logged.lines.filter((l) => l.correlationId === correlationId);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatchObject({ activityId: 'activity-0042', activityType: 'message' });
    }
    expect(lines.map((l) => l.msg)).toContain('message activity activity-0042 failed');
  });

  it('logs a request the caller gave up on, once, as aborted', async () => {
    // The store answers slowly (a busy disk, a throttled Graph); the caller stops waiting.
    let release = () => undefined as void;
    const slow = jest
      .spyOn(reap.store, 'listGoals')
      .mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve([]))));
    const caller = new AbortController();
    const asked = fetch(`${reap.url}/api/plan`, { headers: asOfficer, signal: caller.signal });
    while (slow.mock.calls.length === 0) await new Promise((r) => setTimeout(r, 10));
    caller.abort();
    await expect(asked).rejects.toThrow();
    while (!logged.lines.some((l) => l.msg.startsWith('request aborted'))) {
      await new Promise((r) => setTimeout(r, 10));
    }
    release();
    slow.mockRestore();
    await new Promise((r) => setTimeout(r, 50));
    const lines = requestLines().filter((l) => (l.http as { path: string }).path === '/api/plan');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        http: expect.objectContaining({ method: 'GET', aborted: true }),
      }),
    ]);
  });

  it('never writes a sign-in token into a log line, even at trace level', async () => {
    const trace = captureLog('trace');
    try {
      await fetch(`${reap.url}/api/plan`, {
        headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig-secret' },
      });
    } finally {
      trace.stop();
    }
    expect(trace.text()).not.toContain('sig-secret');
  });
});

describe('GET /readyz', () => {
  it('on SQLite: ready when the store answers; Graph is not used', async () => {
    const reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'plan' });
    try {
      const res = await fetch(`${reap.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ready',
        store: 'sqlite',
        checks: {
          store: { status: 'ok', target: 'sqlite', ms: expect.any(Number) },
          graph: { status: 'not used' },
        },
      });
    } finally {
      await reap.close();
    }
  });

  describe('on SharePoint (Graph emulator)', () => {
    let graph: GraphEmulator;
    let reap: RunningReap;
    beforeAll(async () => {
      graph = await startGraphEmulator();
      await provisionEmulator(graph);
      const store = emulatedStore(graph);
      await store.putPlan(planSeed());
      await store.close();
      const c = emulatedConfig(graph);
      reap = await startReap({
        PORT: '0',
        DATA_DIR: tempDir(),
        SHAREPOINT_SITE_URL: c.siteUrl,
        GRAPH_TENANT_ID: c.tenantId,
        GRAPH_CLIENT_ID: c.clientId,
        GRAPH_CLIENT_SECRET: c.clientSecret ?? '',
        GRAPH_ENDPOINT: graph.url,
        GRAPH_AUTHORITY_HOST: graph.url,
      });
    });
    afterAll(async () => {
      await reap?.close();
      await graph?.close();
    });
    beforeEach(() => graph.resetFaults());

    it('is ready when the site and its lists answer, each asked anew', async () => {
      const before = graph.requests.length;
      const res = await fetch(`${reap.url}/readyz`);
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body).toMatchObject({
        status: 'ready',
        store: 'sharepoint',
        checks: { store: { status: 'ok' }, graph: { status: 'ok', target: graph.url } },
      });
      const asked = graph.requests.slice(before).map((r) => r.kind);
      expect(asked).toEqual(expect.arrayContaining(['site', 'list']));
    });

    it('is not ready (503) while Graph keeps failing, and says which check and why', async () => {
      const logged = captureLog();
      graph.failNext(100, { status: 503, retryAfterSeconds: 0 });
      try {
        const res = await fetch(`${reap.url}/readyz`);
        expect(res.status).toBe(503);
        const body = (await res.json()) as {
          status: string;
          checks: Record<string, { status: string; problem?: string }>;
        };
        expect(body.status).toBe('not ready');
        expect(body.checks.graph).toMatchObject({ status: 'failed' });
        expect(body.checks.graph?.problem).toMatch(/503/);
        expect(logged.lines).toContainEqual(
          expect.objectContaining({ level: 'warn', msg: 'not ready' }),
        );
      } finally {
        logged.stop();
        graph.resetFaults();
      }
      expect((await fetch(`${reap.url}/readyz`)).status).toBe(200);
    });

    it('tells the lists apart from Graph: the list failing, the site answering', async () => {
      graph.failNext(100, { status: 503, retryAfterSeconds: 0, match: (t) => t.kind === 'list' });
      const res = await fetch(`${reap.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        checks: { store: { status: 'failed' }, graph: { status: 'ok' } },
      });
    });
  });
});
