import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PERSONAS, generateDemoCity, planSeed } from '../../src/services/demo/demo-city';
import { startAppInsightsEmulator, type AppInsightsEmulator } from '../emulators/app-insights';
import { tempDir } from '../support/temp-dir';
import { startGraphEmulator } from '../emulators/graph';
import { emulatedConfig, emulatedStore, provisionEmulator } from '../store/sharepoint-emulated';

const root = path.resolve(__dirname, '..', '..');
const MAIN = path.join(root, 'dist', 'src', 'server', 'main.js');

type Started = {
  child: ChildProcess;
  url: string;
  lines: string[];
  exited: Promise<number | null>;
};

/** `npm start`'s program with these variables; resolves once it prints "ready in". */
async function startBuilt(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: tempDir(), ...env },
  });
  const lines: string[] = [];
  let pending = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stderr?.on('data', (b: Buffer) => lines.push(...b.toString().split('\n')));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start line:\n${lines.join('\n')}`)),
      60_000,
    );
    child.stdout?.on('data', (b: Buffer) => {
      const parts = (pending + b.toString()).split('\n');
      pending = parts.pop() ?? '';
      lines.push(...parts);
      const endpoint = lines.join('\n').match(/bot endpoint (http:\/\/[^/\s]+)\/api\/messages/);
      if (endpoint && lines.some((l) => l.includes('ready in'))) {
        clearTimeout(timer);
        resolve(endpoint[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code}:\n${lines.join('\n')}`)));
  });
  return { child, url, lines, exited };
}

/** The JSON log lines among what the server printed. */
const jsonLines = (lines: string[]) =>
  lines
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown> & { msg: string });

describe('traces to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set', () => {
  let ai: AppInsightsEmulator;
  let caFile: string;
  beforeAll(async () => {
    ai = await startAppInsightsEmulator();
    caFile = path.join(tempDir(), 'app-insights-ca.pem');
    fs.writeFileSync(caFile, ai.certificate);
  });
  afterAll(async () => {
    await ai?.close();
  });

  it('exports each request with its correlation id; its log lines carry the same trace', async () => {
    const reap = await startBuilt({
      REAP_SEED: 'demo',
      APPLICATIONINSIGHTS_CONNECTION_STRING: ai.connectionString,
      NODE_EXTRA_CA_CERTS: caFile,
      // Microsoft's own usage counters would go to the public endpoint, which tests never reach.
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    });
    try {
      expect(reap.lines.join('\n')).toMatch(/reap: traces\s+Application Insights/);
      const correlationId = 'city-helpdesk-ticket-4711';
      const res = await fetch(`${reap.url}/api/progress/citywide`, {
        headers: {
          'x-reap-local-person': DEMO_PERSONAS.officer.id,
          'x-correlation-id': correlationId,
        },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-correlation-id')).toBe(correlationId);
      expect((await fetch(`${reap.url}/healthz`)).status).toBe(200);
      const missing = await fetch(`${reap.url}/api/reports/2019`, {
        headers: { 'x-reap-local-person': DEMO_PERSONAS.officer.id },
      });
      expect(missing.status).toBe(404);
      // A bot activity (typing needs no answer): its id and type tag the request and its log line.
      const typing = await fetch(`${reap.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'typing',
          id: 'activity-typing-0001',
          channelId: 'msteams',
          serviceUrl: 'https://smba.example.invalid/amer/',
          from: { id: '29:someone' },
          recipient: { id: '28:reap' },
          conversation: { id: 'a:conversation-1' },
        }),
      });
      expect(typing.status).toBeLessThan(300);
    } finally {
      // SIGTERM: the server closes and telemetry is flushed before the process exits.
      reap.child.kill('SIGTERM');
      expect(await reap.exited).toBe(0);
    }

    const requests = ai.ofType('RequestData');
    const citywide = requests.find((r) =>
      String(r.data?.baseData?.url ?? '').includes('/api/progress/citywide'),
    );
    expect(citywide?.data?.baseData).toMatchObject({ responseCode: '200', success: true });
    expect(citywide?.data?.baseData?.properties?.['reap.correlation_id']).toBe(
      'city-helpdesk-ticket-4711',
    );
    const notFound = requests.find((r) =>
      String(r.data?.baseData?.url ?? '').includes('/api/reports/2019'),
    );
    expect(notFound?.data?.baseData).toMatchObject({ responseCode: '404' });
    // The probes are not traced: once a minute per instance is noise.
    expect(requests.filter((r) => String(r.data?.baseData?.url).includes('/healthz'))).toEqual([]);

    // The request's log line names the same operation Application Insights shows.
    const line = jsonLines(reap.lines).find(
      (l) => l.msg === 'request' && l.correlationId === 'city-helpdesk-ticket-4711',
    );
    expect(line).toMatchObject({
      level: 'info',
      http: { method: 'GET', path: '/api/progress/citywide', status: 200 },
    });
    expect(line?.traceId).toBe(citywide?.tags?.['ai.operation.id']);

    const activity = requests.find((r) =>
      String(r.data?.baseData?.url ?? '').includes('/api/messages'),
    );
    expect(activity?.data?.baseData?.properties).toMatchObject({
      'reap.activity.type': 'typing',
      'reap.activity.id': 'activity-typing-0001',
    });
    expect(jsonLines(reap.lines)).toContainEqual(
      expect.objectContaining({
        msg: 'request',
        activityId: 'activity-typing-0001',
        activityType: 'typing',
        traceId: activity?.tags?.['ai.operation.id'],
      }),
    );
  });

  it('exports each Graph call as a dependency of the request, with the id Graph was given', async () => {
    const graph = await startGraphEmulator();
    await provisionEmulator(graph);
    const c = emulatedConfig(graph);
    // The plan and the officer, as an admin's first roster import would leave them.
    const store = emulatedStore(graph);
    await store.putPlan(planSeed());
    await store.upsertPeople(
      generateDemoCity().people.filter((p) => p.id === DEMO_PERSONAS.officer.id),
    );
    await store.close();
    const bothCas = path.join(tempDir(), 'emulators-ca.pem');
    fs.writeFileSync(bothCas, `${graph.certificate}\n${ai.certificate}`);
    const reap = await startBuilt({
      SHAREPOINT_SITE_URL: c.siteUrl,
      GRAPH_TENANT_ID: c.tenantId,
      GRAPH_CLIENT_ID: c.clientId,
      GRAPH_CLIENT_SECRET: c.clientSecret ?? '',
      GRAPH_ENDPOINT: graph.url,
      GRAPH_AUTHORITY_HOST: graph.url,
      APPLICATIONINSIGHTS_CONNECTION_STRING: ai.connectionString,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
      NODE_EXTRA_CA_CERTS: bothCas,
    });
    let readyBody: unknown;
    try {
      // Provisioned and seeded at start; a read of the plan goes to Graph for its lists.
      const res = await fetch(`${reap.url}/api/plan`, {
        headers: {
          'x-reap-local-person': DEMO_PERSONAS.officer.id,
          'x-correlation-id': 'graph-trace-check-01',
        },
      });
      expect(res.status).toBe(200);
      readyBody = await (await fetch(`${reap.url}/readyz`)).json();
    } finally {
      reap.child.kill('SIGTERM');
      expect(await reap.exited).toBe(0);
      await graph.close();
    }
    expect(readyBody).toMatchObject({
      status: 'ready',
      checks: { store: { status: 'ok' }, graph: { status: 'ok' } },
    });
    const plan = ai
      .ofType('RequestData')
      .find(
        (r) => r.data?.baseData?.properties?.['reap.correlation_id'] === 'graph-trace-check-01',
      );
    expect(plan).toBeDefined();
    const dependencies = ai.ofType('RemoteDependencyData');
    const sent = new Set(graph.requests.map((r) => r.clientRequestId).filter(Boolean));
    const graphCalls = dependencies.filter(
      (d) => d.data?.baseData?.properties?.['graph.client_request_id'],
    );
    expect(graphCalls.length).toBeGreaterThan(0);
    // Each dependency names a client-request-id that Graph (the emulator) really received.
    for (const d of graphCalls) {
      expect(sent.has(d.data?.baseData?.properties?.['graph.client_request_id'])).toBe(true);
    }
    // The plan request's own Graph reads belong to its operation.
    const ofPlan = graphCalls.filter(
      (d) => d.tags?.['ai.operation.id'] === plan?.tags?.['ai.operation.id'],
    );
    expect(ofPlan.length).toBeGreaterThan(0);
    expect(ofPlan[0]?.data?.baseData).toMatchObject({ resultCode: '200', success: true });
  });
});
