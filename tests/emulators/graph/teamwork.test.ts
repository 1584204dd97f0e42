import { EmulatedTeamwork } from './teamwork';
import { startGraphEmulator, type GraphEmulator } from './graph-emulator';

const APP = '3a1e7c52-9f4b-4d0e-8a6c-2b5d9e1f7a40';
const BOT = '9c4e2a70-5b1d-4f3e-8a6c-7d0b2e4f6a81';
const USER = '1f0e9d8c-7b6a-4594-8372-61504f3e2d1c';

describe('Graph emulator: apps installed for users', () => {
  let emulator: GraphEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startGraphEmulator();
    token = await emulator.issueToken();
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    emulator.teamwork.seedTeamsApps([{ id: APP, externalId: 'manifest-id', botId: BOT }]);
    emulator.teamwork.seedUsers([{ id: USER, userPrincipalName: 'jordan.rivera@milwaukee.gov' }]);
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulator.graphUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined,
    };
  };
  const install = (user = USER, app = APP) =>
    call('POST', `/users/${user}/teamwork/installedApps`, {
      'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${app}`,
    });

  it('installs an app for a user: 201 with no body, then 409 Conflict', async () => {
    const first = await install();
    expect(first.status).toBe(201);
    expect(first.body).toBeUndefined();
    const again = await install();
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'Conflict' } });
    expect(emulator.teamwork.installations(USER)).toHaveLength(1);
  });

  it('lists installations, expanded and filtered on the catalog id', async () => {
    emulator.teamwork.seedTeamsApps([{ id: 'other-app' }]);
    await install();
    await install(USER, 'other-app');
    const all = await call('GET', `/users/${USER}/teamwork/installedApps`);
    expect((all.body?.value as unknown[]).length).toBe(2);
    const mine = await call(
      'GET',
      `/users/${USER}/teamwork/installedApps?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${APP}'`)}`,
    );
    expect(mine.body?.value).toEqual([
      {
        id: EmulatedTeamwork.installationId(USER, APP),
        teamsApp: {
          id: APP,
          externalId: 'manifest-id',
          displayName: 'reap',
          distributionMethod: 'organization',
        },
      },
    ]);
    // The installation id is base64 of `{user}##{app}`, as in Graph's own examples.
    expect(
      Buffer.from(String((mine.body?.value as Array<{ id: string }>)[0]?.id), 'base64').toString(),
    ).toBe(`${USER}##${APP}`);
  });

  it('answers the 1:1 chat of an installation, named as Teams names it', async () => {
    await install();
    const id = encodeURIComponent(EmulatedTeamwork.installationId(USER, APP));
    const chat = await call('GET', `/users/${USER}/teamwork/installedApps/${id}/chat`);
    expect(chat.status).toBe(200);
    expect(chat.body).toMatchObject({
      id: `19:${USER}_${BOT}@unq.gbl.spaces`,
      chatType: 'oneOnOne',
      tenantId: emulator.tenantId,
    });
    const missing = await call('GET', `/users/${USER}/teamwork/installedApps/bm9uZQ==/chat`);
    expect(missing.status).toBe(404);
  });

  it('finds a user by user principal name too', async () => {
    expect((await install('jordan.rivera@milwaukee.gov')).status).toBe(201);
    expect(emulator.teamwork.installations(USER)).toHaveLength(1);
  });

  it('answers 404 for a user the tenant does not have', async () => {
    const res = await install('00000000-0000-0000-0000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NotFound' } });
  });

  it('answers 403 on every call for a user the app is blocked for', async () => {
    emulator.teamwork.forbidUser(USER);
    expect((await install()).status).toBe(403);
    expect((await call('GET', `/users/${USER}/teamwork/installedApps`)).status).toBe(403);
    emulator.teamwork.allowUser(USER);
    expect((await install()).status).toBe(201);
  });

  it('refuses an app that is not in the catalog, and a body without a bind', async () => {
    expect((await install(USER, 'not-in-catalog')).status).toBe(400);
    expect((await call('POST', `/users/${USER}/teamwork/installedApps`, {})).status).toBe(400);
  });

  it('uninstalls', async () => {
    await install();
    const id = encodeURIComponent(EmulatedTeamwork.installationId(USER, APP));
    expect((await call('DELETE', `/users/${USER}/teamwork/installedApps/${id}`)).status).toBe(204);
    expect(emulator.teamwork.installations(USER)).toEqual([]);
  });

  it('counts the calls by route, at no SharePoint cost, and lets faults target them', async () => {
    emulator.failNext(1, {
      status: 429,
      retryAfterSeconds: 4,
      match: (t) => t.kind === 'installed-apps',
    });
    const throttled = await install();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('4');
    expect((await install()).status).toBe(201);
    expect(emulator.stats.requestsByRoute).toEqual({ 'POST installed-apps': 2 });
    expect(emulator.stats.resourceUnits).toBe(0);
  });
});
