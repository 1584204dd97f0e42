import { startGraphEmulator, type GraphEmulator } from './graph-emulator';
import { USER_DELTA_PAGE } from './directory-routes';
import type { DirectoryUserSeed } from './directory';

const oid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const seed = (n: number, over: Partial<DirectoryUserSeed> = {}): DirectoryUserSeed => ({
  id: oid(n),
  displayName: `Person ${n}`,
  userPrincipalName: `person${n}@milwaukee.gov`,
  department: 'Milwaukee Health Department',
  jobTitle: 'Analyst',
  employeeId: `MHD-${String(n).padStart(4, '0')}`,
  managerId: n > 1 ? oid(1) : null,
  ...over,
});

const SELECT = 'id,displayName,userPrincipalName,department,jobTitle,employeeId,accountEnabled';

type Body = Record<string, unknown> & {
  value?: Array<Record<string, unknown>>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
};

describe('Graph emulator: the directory (/users, /users/delta)', () => {
  let emulator: GraphEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startGraphEmulator({ roles: ['Sites.Selected', 'User.Read.All'] });
    token = await emulator.issueToken();
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    emulator.directory.seedUsers([1, 2, 3].map((n) => seed(n)));
  });

  const get = async (url: string, bearer = token) => {
    const res = await fetch(url.startsWith('https:') ? url : `${emulator.graphUrl}${url}`, {
      headers: { Authorization: `Bearer ${bearer}` },
    });
    return { status: res.status, body: (await res.json()) as Body };
  };

  /** Follows a delta round to its deltaLink: every entry, and the link. */
  const deltaRound = async (url: string) => {
    const entries: Array<Record<string, unknown>> = [];
    let pages = 0;
    for (let next: string | undefined = url; ;) {
      const { status, body } = await get(next);
      expect(status).toBe(200);
      pages += 1;
      entries.push(...(body.value ?? []));
      if (body['@odata.deltaLink']) return { entries, pages, deltaLink: body['@odata.deltaLink'] };
      next = body['@odata.nextLink'];
      if (!next) throw new Error('a delta page with neither link');
    }
  };

  it('needs an application permission that reads all users', async () => {
    const noRole = await startGraphEmulator({ roles: ['Sites.Selected'] });
    try {
      const res = await fetch(`${noRole.graphUrl}/users`, {
        headers: { Authorization: `Bearer ${await noRole.issueToken()}` },
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        error: {
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
        },
      });
    } finally {
      await noRole.close();
    }
  });

  it('lists users with the default properties, or those selected, page by page', async () => {
    const plain = await get('/users');
    expect(plain.body.value?.[0]).toEqual({
      businessPhones: [],
      displayName: 'Person 1',
      givenName: null,
      jobTitle: 'Analyst',
      mail: null,
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
      surname: null,
      userPrincipalName: 'person1@milwaukee.gov',
      id: oid(1),
    });
    const first = await get(`/users?$select=${SELECT}&$top=2&$expand=manager($select=id)`);
    expect(first.body.value).toEqual([
      {
        id: oid(1),
        displayName: 'Person 1',
        userPrincipalName: 'person1@milwaukee.gov',
        department: 'Milwaukee Health Department',
        jobTitle: 'Analyst',
        employeeId: 'MHD-0001',
        accountEnabled: true,
      },
      expect.objectContaining({
        id: oid(2),
        manager: { '@odata.type': '#microsoft.graph.user', id: oid(1) },
      }),
    ]);
    const next = first.body['@odata.nextLink'];
    expect(next).toMatch(/\$skiptoken=/);
    const second = await get(next ?? '');
    expect(second.body.value?.map((u) => u.id)).toEqual([oid(3)]);
    expect(second.body.value?.[0]).toHaveProperty('employeeId', 'MHD-0003');
    expect(second.body['@odata.nextLink']).toBeUndefined();
    expect((await get('/users?$top=1000')).status).toBe(400);
    expect((await get('/users?$select=salary')).body).toMatchObject({
      error: { code: 'Request_BadRequest' },
    });
    const enabled = await get(`/users?$filter=${encodeURIComponent("employeeId eq 'mhd-0002'")}`);
    expect(enabled.body.value?.map((u) => u.id)).toEqual([oid(2)]);
  });

  it('answers one user by id or principal name, and their manager (404 when none)', async () => {
    const byUpn = await get('/users/PERSON2@milwaukee.gov?$select=id,department');
    expect(byUpn.body).toMatchObject({ id: oid(2), department: 'Milwaukee Health Department' });
    const manager = await get(`/users/${oid(2)}/manager?$select=id,displayName`);
    expect(manager.body).toMatchObject({
      '@odata.type': '#microsoft.graph.user',
      id: oid(1),
      displayName: 'Person 1',
    });
    const top = await get(`/users/${oid(1)}/manager`);
    expect(top.status).toBe(404);
    expect(top.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    expect((await get(`/users/${oid(9)}`)).status).toBe(404);
  });

  it('enumerates everyone through delta, then reports only what changed since the link', async () => {
    emulator.directory.seedUsers(
      Array.from({ length: USER_DELTA_PAGE + 7 }, (_, i) => seed(100 + i)),
    );
    const first = await deltaRound(`/users/delta?$select=${SELECT}`);
    expect(first.pages).toBe(2);
    expect(first.entries).toHaveLength(USER_DELTA_PAGE + 10);
    expect(first.entries[0]).toEqual(
      expect.objectContaining({ id: oid(1), employeeId: 'MHD-0001' }),
    );
    expect(first.deltaLink).toMatch(/\/users\/delta\?\$deltatoken=/);

    // Nothing changed: an empty page and a new link.
    const quiet = await deltaRound(first.deltaLink);
    expect(quiet.entries).toEqual([]);

    emulator.directory.seedUsers([seed(50, { department: 'Milwaukee Public Library' })]);
    emulator.directory.updateUser(oid(2), { department: 'Milwaukee Public Library' });
    emulator.directory.updateUser(oid(2), { jobTitle: 'Branch Supervisor' });
    emulator.directory.updateUser(oid(3), { officeLocation: 'City Hall 2nd floor' });
    emulator.directory.removeUser(oid(1));
    emulator.directory.removeUser(oid(101), { permanently: true });
    const changes = await deltaRound(quiet.deltaLink);
    expect(changes.entries).toEqual([
      expect.objectContaining({ id: oid(50), displayName: 'Person 50', employeeId: 'MHD-0050' }),
      { id: oid(2), department: 'Milwaukee Public Library', jobTitle: 'Branch Supervisor' },
      { id: oid(1), '@removed': { reason: 'changed' } },
      { id: oid(101), '@removed': { reason: 'deleted' } },
    ]);

    emulator.directory.restoreUser(oid(1));
    emulator.directory.updateUser(oid(1), { accountEnabled: false });
    const back = await deltaRound(changes.deltaLink);
    expect(back.entries).toEqual([
      expect.objectContaining({
        id: oid(1),
        accountEnabled: false,
        department: 'Milwaukee Health Department',
      }),
    ]);
  });

  it('never splits one person over the pages of a round', async () => {
    emulator.directory.seedUsers(
      Array.from({ length: USER_DELTA_PAGE + 5 }, (_, i) => seed(100 + i)),
    );
    const { deltaLink } = await deltaRound(`/users/delta?$select=${SELECT}`);
    emulator.directory.updateUser(oid(2), { department: 'Port Milwaukee' });
    for (let i = 0; i < USER_DELTA_PAGE + 5; i += 1) {
      emulator.directory.updateUser(oid(100 + i), { jobTitle: 'Specialist' });
    }
    emulator.directory.updateUser(oid(2), { jobTitle: 'Harbor Master' });
    const round = await deltaRound(deltaLink);
    expect(round.pages).toBe(2);
    expect(round.entries).toHaveLength(USER_DELTA_PAGE + 6);
    expect(round.entries.find((e) => e.id === oid(2))).toEqual({
      id: oid(2),
      department: 'Port Milwaukee',
      jobTitle: 'Harbor Master',
    });
  });

  it('answers an expired delta link 400 syncStateNotFound, as Graph does after 7 days', async () => {
    const { deltaLink } = await deltaRound(`/users/delta?$select=${SELECT}`);
    emulator.directory.expireDeltaTokens();
    const expired = await get(deltaLink);
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({
      error: {
        code: 'syncStateNotFound',
        message:
          'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
      },
    });
  });

  it('costs no SharePoint resource units, and reset forgets the directory', async () => {
    emulator.resetStats();
    await get('/users');
    expect(emulator.stats.requestsByRoute).toEqual({ 'GET users': 1 });
    expect(emulator.stats.resourceUnits).toBe(0);
    emulator.reset();
    expect(emulator.directory.size).toBe(0);
    expect((await get('/users')).body.value).toEqual([]);
  });
});
