import fs from 'node:fs';
import path from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  TEAMS_FRAME_ANCESTORS,
} from '../../src/server/http/security-headers';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startSecuredReap } from '../auth/secured-reap';
import { message } from '../bot/teams-activities';
import { tempDir } from '../support/temp-dir';
import { captureLog } from '../support/log-capture';

const root = path.resolve(__dirname, '..', '..');
const asOfficer = { 'x-reap-local-person': DEMO_PERSONAS.officer.id };
const STACK = /\n\s+at |\.ts:\d+|node_modules/;

describe('hardening of every response (local mode, demo city)', () => {
  let reap: RunningReap;
  beforeAll(async () => {
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' });
  });
  afterAll(async () => {
    await reap?.close();
  });

  it.each(['/', '/healthz', '/api/me', '/api/plan', '/no-such-page', '/api/no-such-route'])(
    'puts the security headers on %s',
    async (at) => {
      const res = await fetch(`${reap.url}${at}`);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      // Teams frames the tab: X-Frame-Options would forbid it; frame-ancestors decides instead.
      expect(res.headers.get('x-frame-options')).toBeNull();
      if (at.startsWith('/api/')) expect(res.headers.get('cache-control')).toBe('no-store');
    },
  );

  it('lets only the tab itself and the Teams and Microsoft 365 hosts frame it, and runs no inline script', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives.get('frame-ancestors')).toEqual(["'self'", ...TEAMS_FRAME_ANCESTORS]);
    expect(TEAMS_FRAME_ANCESTORS).toEqual(
      expect.arrayContaining([
        'https://teams.microsoft.com',
        'https://*.teams.microsoft.com',
        'https://*.cloud.microsoft',
        'https://*.office.com',
        'https://outlook.office.com',
        'https://*.microsoft365.com',
      ]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('serves a built tab whose page has no inline script or event handler', async () => {
    const built = path.join(root, 'dist', 'tab', 'index.html');
    if (!fs.existsSync(built)) throw new Error('dist/tab is not built (npm test builds it)');
    const html = await (await fetch(`${reap.url}/`)).text();
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script).toMatch(/\ssrc="\/[^"]+"/);
      expect(
        script
          .replace(/<script\b[^>]*>/i, '')
          .replace(/<\/script>$/i, '')
          .trim(),
      ).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('answers a body over 256 KB with 413, in reap’s shape', async () => {
    const big = JSON.stringify({ completedOn: 'x'.repeat(300 * 1024) });
    for (const at of ['/api/my/trainings/racial-equity-101/complete', '/api/messages']) {
      const res = await fetch(`${reap.url}${at}`, {
        method: 'POST',
        headers: { ...asOfficer, 'content-type': 'application/json' },
        body: big,
      });
      expect(res.status).toBe(413);
      const body = (await res.json()) as { message: string };
      expect(body.message).toBe('The request is too large (at most 256 KB).');
    }
  });

  it('answers malformed JSON with 400 without echoing it', async () => {
    const res = await fetch(`${reap.url}/api/my/trainings/racial-equity-101/complete`, {
      method: 'POST',
      headers: { ...asOfficer, 'content-type': 'application/json' },
      body: '{"completedOn": <script>alert(1)</script>',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain('<script>');
    expect(JSON.parse(text)).toMatchObject({ message: expect.stringMatching(/could not be read/) });
  });

  it('names the field and the rule of a refused body', async () => {
    const res = await fetch(`${reap.url}/api/my/trainings/racial-equity-101/complete`, {
      method: 'POST',
      headers: { ...asOfficer, 'content-type': 'application/json' },
      body: JSON.stringify({ completedOn: '2021-02-30' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'validation',
      field: 'completedOn',
      rule: 'format',
    });
    const extra = await fetch(`${reap.url}/api/my/trainings/racial-equity-101/complete`, {
      method: 'POST',
      headers: { ...asOfficer, 'content-type': 'application/json' },
      body: JSON.stringify({ personId: DEMO_PERSONAS.employee.id }),
    });
    expect(await extra.json()).toMatchObject({ field: 'personId', rule: 'unknown-field' });
  });

  it('answers an unexpected failure with 500, no stack, and a reference IT finds in the log', async () => {
    const logged = captureLog();
    const broken = jest
      .spyOn(reap.store, 'listGoals')
      .mockRejectedValueOnce(new Error('SQLITE_CORRUPT at /secret/path/reap.sqlite'));
    try {
      const res = await fetch(`${reap.url}/api/plan`, { headers: asOfficer });
      expect(res.status).toBe(500);
      const text = await res.text();
      const reference = res.headers.get('x-correlation-id');
      expect(reference).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.parse(text)).toEqual({
        error: 'internal',
        message: `Something went wrong; try again. If it keeps happening, give IT the reference ${reference}.`,
        reference,
      });
      expect(text).not.toMatch(STACK);
      expect(text).not.toContain('/secret/path');
      // The log has the error, with its stack, under the same reference; and the request's line.
      const error = logged.lines.find((l) => l.msg === 'unexpected error');
      expect(error).toMatchObject({ level: 'error', correlationId: reference });
      expect(JSON.stringify(error)).toContain('SQLITE_CORRUPT');
      expect(logged.lines).toContainEqual(
        expect.objectContaining({
          msg: 'request failed',
          correlationId: reference,
          http: expect.objectContaining({ method: 'GET', path: '/api/plan', status: 500 }),
        }),
      );
    } finally {
      broken.mockRestore();
      logged.stop();
    }
  });
});

describe('the rate limit on /api/*', () => {
  let reap: RunningReap;
  beforeAll(async () => {
    reap = await startReap({
      PORT: '0',
      DATA_DIR: tempDir(),
      REAP_SEED: 'plan',
      API_RATE_LIMIT_PER_MINUTE: '6',
      API_RATE_LIMIT_BURST: '3',
    });
  });
  afterAll(async () => {
    await reap?.close();
  });

  it('answers 429 with Retry-After once a caller has used their burst, and spares the probes', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${reap.url}/api/me`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(`${reap.url}/api/me`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    expect((await fetch(`${reap.url}/healthz`)).status).toBe(200);
  });
});

describe('the rate limit is per verified person', () => {
  it('gives each signed-in person their own bucket, untouched by a flood of bad tokens', async () => {
    const reap = await startSecuredReap({
      env: { API_RATE_LIMIT_PER_MINUTE: '6', API_RATE_LIMIT_BURST: '3' },
    });
    try {
      const employee = (await reap.store.getPerson(DEMO_PERSONAS.employee.id))!;
      const lead = (await reap.store.getPerson(DEMO_PERSONAS.lead.id))!;
      const rogue = await reap.ssoToken(employee.aadObjectId, { key: 'rogue' });
      const floods = [];
      for (let i = 0; i < 5; i += 1)
        floods.push((await reap.api('/api/me', { token: rogue })).status);
      expect(floods).toEqual([401, 401, 401, 429, 429]);

      const mine = await reap.ssoToken(employee.aadObjectId);
      const theirs = await reap.ssoToken(lead.aadObjectId);
      const statuses = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push((await reap.api('/api/me', { token: mine })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await reap.api('/api/me', { token: theirs })).status).toBe(200);
    } finally {
      await reap.close();
    }
  });
});

describe('secrets', () => {
  it('never logs the bot secret or a token, even when refusing them', async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '),
      );
    };
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation(capture),
    );
    const logged = captureLog('trace');
    const reap = await startSecuredReap();
    try {
      const person = (await reap.store.getPerson(DEMO_PERSONAS.employee.id))!;
      const rogue = await reap.ssoToken(person.aadObjectId, { key: 'rogue' });
      const expired = await reap.ssoToken(person.aadObjectId, { expiresIn: -600 });
      const valid = await reap.ssoToken(person.aadObjectId);
      await reap.api('/api/me', { token: rogue });
      await reap.api('/api/me', { token: expired });
      await reap.api('/api/me', { token: valid });
      const from = { id: '29:x', name: person.displayName, aadObjectId: person.aadObjectId };
      const activity = message({ serviceUrl: reap.connector.url, from, text: 'help' });
      const badChannel = await reap.entra.channelToken({
        audience: reap.botId,
        serviceUrl: reap.connector.url,
        key: 'rogue',
      });
      await reap.postActivity(activity, `Bearer ${badChannel}`);
      await reap.postActivity(activity);
      const secrets = [reap.config.bot.password ?? 'unset', rogue, expired, valid, badChannel];
      const sent = reap.connector.requests.map((r) => r.authorization ?? '');
      lines.push(...logged.text().split('\n'));
      for (const line of lines) {
        for (const secret of [...secrets, ...sent.filter(Boolean)]) {
          expect(line).not.toContain(secret.replace(/^Bearer /, '').slice(-40));
        }
      }
      expect(lines.length).toBeGreaterThan(0);
    } finally {
      await reap.close();
      spies.forEach((s) => s.mockRestore());
      logged.stop();
    }
  });
});
