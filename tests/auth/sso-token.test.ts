import crypto from 'node:crypto';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import type { SsoTokenOptions } from '../emulators/entra';
import { unsignedToken } from '../emulators/entra';
import { startSecuredReap, type SecuredReap } from './secured-reap';
import { captureLog, type LogCapture } from '../support/log-capture';

// The tab's API outside local mode: Teams SSO tokens signed with keys the test made, served from
// a local JWKS endpoint, checked by the server with jose.

const OFFICER_GROUP = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('Teams SSO tokens on the tab API', () => {
  let reap: SecuredReap;
  let jordanOid: string;
  let reneeOid: string;
  let logged: LogCapture;

  beforeAll(async () => {
    reap = await startSecuredReap({
      env: { EQUITY_OFFICER_GROUP_ID: OFFICER_GROUP, PUBLIC_URL: 'https://reap.example.gov' },
    });
    jordanOid = (await reap.store.getPerson(DEMO_PERSONAS.employee.id))!.aadObjectId;
    reneeOid = (await reap.store.getPerson(DEMO_PERSONAS.lead.id))!.aadObjectId;
  });
  afterAll(async () => {
    await reap?.close();
  });
  beforeEach(() => {
    logged = captureLog();
  });
  afterEach(() => logged.stop());

  const myTrainings = (token: string) => reap.api('/api/my/trainings', { token });

  it('accepts a valid token and acts for the person it names', async () => {
    const res = await myTrainings(await reap.ssoToken(jordanOid));
    expect(res.status).toBe(200);
    const me = await (await reap.api('/api/me', { token: await reap.ssoToken(jordanOid) })).json();
    expect(me).toMatchObject({
      mode: 'teams',
      role: 'employee',
      person: { id: DEMO_PERSONAS.employee.id },
    });
  });

  it('accepts the Application ID URI as audience as well as the client id', async () => {
    const uri = `api://reap.example.gov/${reap.clientId}`;
    expect(reap.config.tabAuth.appIdUri).toBe(uri);
    const res = await myTrainings(await reap.ssoToken(jordanOid, { claims: { aud: uri } }));
    expect(res.status).toBe(200);
  });

  const otherTenant = crypto.randomUUID();
  const refused: Array<[string, SsoTokenOptions, string]> = [
    ['a wrong signature', { key: 'rogue' }, 'signature'],
    ['a wrong audience', { claims: { aud: crypto.randomUUID() } }, 'audience'],
    [
      'a wrong issuer',
      { claims: { iss: 'https://login.microsoftonline.com/common/v2.0' } },
      'issuer',
    ],
    ['a v1.0 issuer', { claims: { iss: 'https://sts.windows.net/x/' } }, 'issuer'],
    ['a wrong tenant', { claims: { tid: otherTenant } }, 'tenant'],
    ['an expired token', { expiresIn: -600 }, 'expired'],
    ['a token not valid yet', { claims: { nbf: Math.floor(Date.now() / 1000) + 600 } }, 'claims'],
    ['a missing scope', { claims: { scp: 'User.Read' } }, 'scope'],
    [
      'no scope at all (an app-only token)',
      { claims: { scp: undefined, roles: ['EquityOfficer'] } },
      'scope',
    ],
    ['no object id', { claims: { oid: undefined } }, 'claims'],
    ['an HS256 token keyed with the public key', { alg: 'HS256' }, 'algorithm'],
  ];

  it.each(refused)('refuses %s with 401', async (_what, options, reason) => {
    const res = await myTrainings(await reap.ssoToken(jordanOid, options));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await res.json()).toEqual({
      error: 'invalid_token',
      message: 'Your sign-in could not be verified. Reload the tab in Microsoft Teams.',
    });
    expect(logged.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'refused a sign-in token', reason }),
    );
  });

  it.each([
    [
      'alg "none"',
      () =>
        unsignedToken({
          aud: reap.clientId,
          tid: reap.entra.tenantId,
          oid: jordanOid,
          scp: 'access_as_user',
        }),
    ],
    ['garbage', () => 'not.a.jwt'],
  ])('refuses a token with %s with 401', async (_what, token) => {
    const res = await myTrainings(token());
    expect(res.status).toBe(401);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const res = await reap.api('/api/my/trainings', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(res.status).toBe(401);
  });

  it('fetches the signing keys once and keeps them', async () => {
    const before = reap.entra.jwksFetches();
    for (let i = 0; i < 5; i += 1)
      expect((await myTrainings(await reap.ssoToken(jordanOid))).status).toBe(200);
    expect(reap.entra.jwksFetches()).toBe(before);
    expect(before).toBe(1);
  });

  it('ignores the local identity picker header outside local mode', async () => {
    const asOfficer = { 'x-reap-local-person': DEMO_PERSONAS.officer.id };
    const anonymous = await reap.api('/api/me', { headers: asOfficer });
    expect(await anonymous.json()).toMatchObject({ mode: 'teams', person: null, role: null });
    expect((await reap.api('/api/progress/citywide', { headers: asOfficer })).status).toBe(401);
    const signedIn = await reap.api('/api/me', {
      token: await reap.ssoToken(jordanOid),
      headers: asOfficer,
    });
    expect(await signedIn.json()).toMatchObject({ person: { id: DEMO_PERSONAS.employee.id } });
    expect(
      (await reap.api('/api/local/identities', { token: await reap.ssoToken(jordanOid) })).status,
    ).toBe(403);
  });

  describe('roles', () => {
    const roleOf = async (token: string) =>
      ((await (await reap.api('/api/me', { token })).json()) as { role: string }).role;

    it('makes the Equity Officer from the app role in the token', async () => {
      expect(await roleOf(await reap.ssoToken(jordanOid))).toBe('employee');
      const officer = await reap.ssoToken(jordanOid, { claims: { roles: ['EquityOfficer'] } });
      expect(await roleOf(officer)).toBe('officer');
      expect((await reap.api('/api/audit', { token: officer })).status).toBe(200);
      const otherRole = await reap.ssoToken(jordanOid, { claims: { roles: ['Reader'] } });
      expect(await roleOf(otherRole)).toBe('employee');
    });

    it('makes the Equity Officer from the configured group in the token', async () => {
      const member = await reap.ssoToken(jordanOid, { claims: { groups: [OFFICER_GROUP] } });
      expect(await roleOf(member)).toBe('officer');
      const other = await reap.ssoToken(jordanOid, { claims: { groups: [crypto.randomUUID()] } });
      expect(await roleOf(other)).toBe('employee');
    });

    it('makes leads from the department records', async () => {
      expect(await roleOf(await reap.ssoToken(reneeOid))).toBe('lead');
    });

    it('lets an officer who is not on the roster read citywide progress, not own trainings', async () => {
      const outsider = crypto.randomUUID();
      const officer = await reap.ssoToken(outsider, { claims: { roles: ['EquityOfficer'] } });
      expect(await roleOf(officer)).toBe('officer');
      expect((await reap.api('/api/progress/citywide', { token: officer })).status).toBe(200);
      const mine = await reap.api('/api/my/trainings', { token: officer });
      expect(mine.status).toBe(403);
      expect(await mine.json()).toMatchObject({ reason: 'not-on-roster' });
    });
  });
});
