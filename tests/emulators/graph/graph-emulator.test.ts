import crypto from 'node:crypto';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  PageIterator,
  RetryHandler,
  RetryHandlerOptions,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import { startGraphEmulator, type GraphEmulator } from './graph-emulator';

const CLIENT_ID = '6d1f5c2a-0b7e-4c3d-9a8f-2e1d0c9b8a7f';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

type Item = { id: string; eTag: string; fields?: Record<string, unknown>; deleted?: unknown };
type Page<T> = { value: T[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
type BatchAnswer = {
  responses: Array<{
    id: string;
    status: number;
    headers?: Record<string, string>;
    body?: { fields?: Record<string, unknown>; [property: string]: unknown };
  }>;
};

const TASKS = {
  displayName: 'Tasks',
  list: { template: 'genericList' },
  columns: [
    { name: 'Key', text: { maxLength: 255 }, indexed: true, enforceUniqueValues: true },
    { name: 'Status', text: {} },
    { name: 'Count', number: {}, indexed: true },
    { name: 'Done', boolean: {} },
    { name: 'Notes', text: { allowMultipleLines: true } },
  ],
};

function msal(emulator: GraphEmulator, auth: Partial<Configuration['auth']> = {}) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: CLIENT_ID,
      authority: emulator.authority,
      clientSecret: 'the secret',
      knownAuthorities: [emulator.host],
      ...auth,
    },
  });
}

/** The Graph client as the store builds it: MSAL token, RetryHandler, HTTP. */
function graphClient(emulator: GraphEmulator, retry = new RetryHandlerOptions(0, 8)): Client {
  const app = msal(emulator);
  const authentication = new AuthenticationHandler({
    getAccessToken: async () =>
      (await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] }))?.accessToken ?? '',
  });
  const retryHandler = new RetryHandler(retry);
  authentication.setNext(retryHandler);
  retryHandler.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: authentication,
    baseUrl: `${emulator.url}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([emulator.hostname]),
  });
}

/** A plain HTTPS call, to see statuses and headers the Graph client hides. */
async function call(
  emulator: GraphEmulator,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
) {
  const token = options.token === undefined ? await emulator.issueToken() : options.token;
  const res = await fetch(path.startsWith('https://') ? path : `${emulator.graphUrl}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('Graph emulator', () => {
  let emulator: GraphEmulator;
  let client: Client;
  let site: string;

  beforeAll(async () => {
    emulator = await startGraphEmulator({
      listViewThreshold: 50,
      faults: { retryAfterSeconds: 0 },
    });
    client = graphClient(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    site = emulator.siteId();
  });

  const tasks = async (): Promise<string> =>
    ((await client.api(`/sites/${site}/lists`).post(TASKS)) as { id: string }).id;

  describe('Entra token endpoint', () => {
    it("issues an app-only token to msal-node's client-credential flow", async () => {
      const result = await msal(emulator).acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
      expect(result?.tokenType).toBe('Bearer');
      expect(result?.accessToken.split('.')).toHaveLength(3);
      const claims = JSON.parse(
        Buffer.from(result?.accessToken.split('.')[1] ?? '', 'base64url').toString(),
      );
      expect(claims).toMatchObject({
        aud: 'https://graph.microsoft.com',
        appid: CLIENT_ID,
        tid: emulator.tenantId,
        roles: ['Sites.Selected'],
      });
      expect(emulator.requests.map((r) => r.kind)).toEqual(['openid-configuration', 'token']);
      expect(emulator.stats.tokensIssued).toBe(1);
      expect(emulator.stats.requests).toBe(0);
    });

    it('answers instance discovery and OpenID metadata pointing back at itself', async () => {
      const discovery = (await (
        await fetch(
          `${emulator.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=x`,
        )
      ).json()) as Record<string, string>;
      expect(discovery.tenant_discovery_endpoint).toBe(
        `${emulator.authority}/v2.0/.well-known/openid-configuration`,
      );
      const metadata = (await (
        await fetch(discovery.tenant_discovery_endpoint ?? '')
      ).json()) as Record<string, string>;
      expect(metadata.token_endpoint).toBe(`${emulator.authority}/oauth2/v2.0/token`);
      expect(metadata.issuer).toBe(`${emulator.authority}/v2.0`);
    });

    it('refuses a wrong secret and accepts a certificate credential of a registered app', async () => {
      const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const strict = await startGraphEmulator({
        clients: [
          {
            clientId: CLIENT_ID,
            clientSecret: 'right',
            certificatePublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          },
        ],
      });
      try {
        await expect(
          msal(strict, { clientSecret: 'wrong' }).acquireTokenByClientCredential({
            scopes: [GRAPH_SCOPE],
          }),
        ).rejects.toMatchObject({ errorCode: 'invalid_client' });
        const withCertificate = msal(strict, {
          clientSecret: undefined,
          clientCertificate: {
            thumbprintSha256: crypto.randomBytes(32).toString('hex'),
            privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          },
        });
        const result = await withCertificate.acquireTokenByClientCredential({
          scopes: [GRAPH_SCOPE],
        });
        expect(result?.accessToken).toBeTruthy();
      } finally {
        await strict.close();
      }
    });

    it('answers Graph calls without a valid bearer token with 401 InvalidAuthenticationToken', async () => {
      const anonymous = await call(emulator, 'GET', `/sites/${site}`, { token: null });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error).toMatchObject({
        code: 'InvalidAuthenticationToken',
        message: 'Access token is empty.',
      });
      const expired = await call(emulator, 'GET', `/sites/${site}`, {
        token: await emulator.issueToken({ lifetimeSeconds: -60 }),
      });
      expect(expired.status).toBe(401);
      expect(expired.body.error.message).toMatch(/expired/);
      expect(emulator.stats.unauthorized).toBe(2);
    });
  });

  describe('sites, lists and columns', () => {
    it('finds a site by path and answers itemNotFound for an unknown one', async () => {
      const found = await client
        .api('/sites/contoso.sharepoint.com:/sites/reap')
        .select('id')
        .get();
      expect(found.id).toBe(site);
      expect(found.id).toMatch(/^contoso\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
      const full = await client.api(`/sites/${site}`).get();
      expect(full).toMatchObject({ webUrl: 'https://contoso.sharepoint.com/sites/reap' });
      await expect(
        client.api('/sites/contoso.sharepoint.com:/sites/nowhere').get(),
      ).rejects.toMatchObject({ statusCode: 404, code: 'itemNotFound' });
    });

    it('creates a list with its columns, finds it by name, and refuses a second one', async () => {
      const created = await call(emulator, 'POST', `/sites/${site}/lists`, { body: TASKS });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        displayName: 'Tasks',
        list: { template: 'genericList' },
      });
      const found = (await client
        .api(`/sites/${site}/lists?$select=id,displayName&$filter=displayName eq 'Tasks'`)
        .get()) as Page<{ id: string; displayName: string }>;
      expect(found.value).toEqual([
        { '@odata.etag': expect.any(String), id: created.body.id, displayName: 'Tasks' },
      ]);
      const byName = await client.api(`/sites/${site}/lists/Tasks`).get();
      expect(byName.id).toBe(created.body.id);
      const again = await call(emulator, 'POST', `/sites/${site}/lists`, { body: TASKS });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('nameAlreadyExists');
    });

    it('adds a column, indexes it, and keeps SharePoint’s rules on indexes and unique values', async () => {
      const list = await tasks();
      const columns = `/sites/${site}/lists/${list}/columns`;
      const added = await client.api(columns).post({ name: 'Wave', text: {} });
      expect(added).toMatchObject({ name: 'Wave', indexed: false, text: { maxLength: 255 } });
      const patched = await client.api(`${columns}/${added.id}`).patch({ indexed: true });
      expect(patched.indexed).toBe(true);
      const listed = (await client.api(`${columns}?$select=id,name,indexed`).get()) as Page<{
        name: string;
        indexed: boolean;
      }>;
      expect(listed.value.find((c) => c.name === 'Wave')?.indexed).toBe(true);
      expect(listed.value.find((c) => c.name === 'Key')?.indexed).toBe(true);
      expect(listed.value.map((c) => c.name)).toContain('Title');
      const unique = await call(emulator, 'POST', columns, {
        body: { name: 'Code', text: {}, enforceUniqueValues: true },
      });
      expect(unique.status).toBe(400);
      expect(unique.body.error.message).toBe(
        'This field must be indexed to enforce unique values.',
      );
      const note = await call(emulator, 'POST', columns, {
        body: { name: 'Long', text: { allowMultipleLines: true }, indexed: true },
      });
      expect(note.status).toBe(400);
      expect(
        emulator.listInfo(site, 'Tasks')?.columns.find((c) => c.name === 'Wave'),
      ).toMatchObject({
        indexed: true,
      });
    });
  });

  describe('items', () => {
    it('creates an item with an eTag "{GUID},1" and its fields, and reads it back', async () => {
      const list = await tasks();
      const created = await call(emulator, 'POST', `/sites/${site}/lists/${list}/items`, {
        body: { fields: { Title: 'First', Key: 'k1', Count: 3, Done: true, Status: '' } },
      });
      expect(created.status).toBe(201);
      expect(created.body.eTag).toMatch(/^"\{[0-9A-F-]{36}\},1"$/);
      expect(created.body.fields).toMatchObject({
        '@odata.etag': created.body.eTag,
        Title: 'First',
        Key: 'k1',
        Count: 3,
        Done: true,
        id: created.body.id,
      });
      // SharePoint keeps an empty text as no value; Graph then leaves the field out.
      expect(created.body.fields).not.toHaveProperty('Status');
      const read = (await client
        .api(
          `/sites/${site}/lists/${list}/items/${created.body.id}?expand=fields(select=Key,Count)`,
        )
        .get()) as Item;
      expect(read.fields).toEqual({ '@odata.etag': created.body.eTag, Key: 'k1', Count: 3 });
    });

    it('updates with a current If-Match, answers 412 resourceModified to a stale one, deletes', async () => {
      const list = await tasks();
      const items = `/sites/${site}/lists/${list}/items`;
      const created = (await client.api(items).post({ fields: { Key: 'k1' } })) as Item;
      const updated = await client
        .api(`${items}/${created.id}/fields`)
        .header('If-Match', created.eTag)
        .patch({ Status: 'open' });
      expect(updated).toMatchObject({ Status: 'open', Key: 'k1' });
      expect(updated['@odata.etag']).toBe(created.eTag.replace(',1"', ',2"'));
      await expect(
        client
          .api(`${items}/${created.id}/fields`)
          .header('If-Match', created.eTag)
          .patch({ Status: 'closed' }),
      ).rejects.toMatchObject({ statusCode: 412, code: 'resourceModified' });
      expect(emulator.listItems(site, 'Tasks')[0]?.fields.Status).toBe('open');
      const deleted = await call(emulator, 'DELETE', `${items}/${created.id}`);
      expect(deleted.status).toBe(204);
      await expect(client.api(`${items}/${created.id}`).get()).rejects.toMatchObject({
        statusCode: 404,
        code: 'itemNotFound',
      });
    });

    it('refuses a second item with the same value in a unique column (409), whatever the case', async () => {
      const list = await tasks();
      const items = `/sites/${site}/lists/${list}/items`;
      await client.api(items).post({ fields: { Key: 'person-1/card/confirm' } });
      const duplicate = await call(emulator, 'POST', items, {
        body: { fields: { Key: 'Person-1/Card/Confirm' } },
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toMatchObject({
        code: 'nameAlreadyExists',
        message: expect.stringContaining(
          'duplicate values were found in the following field(s) in the list: [Key]',
        ),
      });
      const unknown = await call(emulator, 'POST', items, { body: { fields: { Nope: 1 } } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe("Field 'Nope' is not recognized");
      expect(emulator.listItems(site, 'Tasks')).toHaveLength(1);
    });

    it('pages with $top and @odata.nextLink, which the Graph client follows', async () => {
      const list = await tasks();
      emulator.seedItems(
        site,
        'Tasks',
        Array.from({ length: 45 }, (_, i) => ({ Key: `k${i}`, Count: i })),
      );
      const first = (await client
        .api(`/sites/${site}/lists/${list}/items?$expand=fields&$top=20`)
        .get()) as PageCollection;
      expect(first.value).toHaveLength(20);
      expect(first['@odata.nextLink']).toMatch(
        /^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/.*\$skiptoken=/,
      );
      const seen: Item[] = [];
      await new PageIterator(client, first, (item) => {
        seen.push(item as Item);
        return true;
      }).iterate();
      expect(seen.map((i) => Number(i.id))).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
      expect(seen.every((i) => i.fields?.Key !== undefined)).toBe(true);
      const defaults = (await client.api(`/sites/${site}/lists/${list}/items`).get()) as Page<Item>;
      expect(defaults.value).toHaveLength(45);
      expect(defaults.value[0]).not.toHaveProperty('fields');
    });
    it('orders by an indexed column across pages', async () => {
      const list = await tasks();
      emulator.seedItems(
        site,
        'Tasks',
        [5, 1, 4, 1, 3, 2].map((n, i) => ({ Key: `k${i}`, Count: n })),
      );
      const seen: Item[] = [];
      let url: string | undefined =
        `/sites/${site}/lists/${list}/items?$expand=fields&$orderby=fields/Count desc&$top=4`;
      while (url) {
        const page = (await client.api(url).get()) as Page<Item>;
        seen.push(...page.value);
        url = page['@odata.nextLink'];
      }
      expect(seen.map((i) => i.fields?.Count)).toEqual([5, 4, 3, 2, 1, 1]);
      expect(seen.map((i) => i.id).slice(-2)).toEqual(['2', '4']);
    });
  });

  describe('$filter and the list view threshold', () => {
    beforeEach(async () => {
      await tasks();
    });
    const items = () => `/sites/${site}/lists/Tasks/items?$expand=fields`;

    it('filters on indexed columns with eq and and', async () => {
      emulator.seedItems(site, 'Tasks', [
        { Key: "o'brien", Count: 1 },
        { Key: 'b', Count: 2 },
        { Key: 'c', Count: 2 },
      ]);
      const byKey = (await client
        .api(`${items()}&$filter=fields/Key eq 'o''brien'`)
        .get()) as Page<Item>;
      expect(byKey.value.map((i) => i.fields?.Key)).toEqual(["o'brien"]);
      const both = (await client
        .api(`${items()}&$filter=fields/Count eq 2 and fields/Key eq 'c'`)
        .get()) as Page<Item>;
      expect(both.value.map((i) => i.fields?.Key)).toEqual(['c']);
    });

    it('refuses a filter on a column that is not indexed unless asked with Prefer', async () => {
      emulator.seedItems(site, 'Tasks', [{ Key: 'a', Status: 'open' }]);
      const refused = await call(emulator, 'GET', `${items()}&$filter=fields/Status eq 'open'`);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'invalidRequest',
        message: expect.stringMatching(
          /^Field 'Status' cannot be referenced in filter or orderby as it is not indexed\. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header/,
        ),
      });
      const allowed = (await client
        .api(`${items()}&$filter=fields/Status eq 'open'`)
        .header('Prefer', 'HonorNonIndexedQueriesWarningMayFailRandomly')
        .get()) as Page<Item>;
      expect(allowed.value).toHaveLength(1);
      expect(emulator.stats.refusedQueries).toBe(1);
    });

    it('past the threshold, refuses non-indexed queries even with Prefer, and too-wide indexed ones', async () => {
      emulator.seedItems(
        site,
        'Tasks',
        Array.from({ length: 60 }, (_, i) => ({ Key: `k${i}`, Count: i % 2, Status: 'open' })),
      );
      const nonIndexed = await call(emulator, 'GET', `${items()}&$filter=fields/Status eq 'open'`, {
        headers: { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' },
      });
      expect(nonIndexed.status).toBe(429);
      expect(nonIndexed.headers.get('retry-after')).toBeNull();
      expect(nonIndexed.body.error.message).toMatch(/exceeds the list view threshold/);
      const narrow = await call(emulator, 'GET', `${items()}&$filter=fields/Key eq 'k7'`);
      expect(narrow.body.value).toHaveLength(1);
      const wide = await call(emulator, 'GET', `${items()}&$filter=fields/Key ne 'k7'`);
      expect(wide.status).toBe(429);
      const everything = await call(emulator, 'GET', `${items()}&$top=100`);
      expect(everything.status).toBe(200);
    });
  });

  describe('delta', () => {
    it('enumerates in pages, then returns only what changed, deletions included', async () => {
      const list = await tasks();
      emulator.seedItems(
        site,
        'Tasks',
        Array.from({ length: 5 }, (_, i) => ({ Key: `k${i}` })),
      );
      emulator.resetStats();
      let page = (await client
        .api(`/sites/${site}/lists/${list}/items/delta?$expand=fields&$top=2`)
        .get()) as Page<Item>;
      const first: Item[] = [...page.value];
      while (page['@odata.nextLink']) {
        expect(page['@odata.nextLink']).toMatch(/\/items\/delta\?token=[\w-]+$/);
        page = (await client.api(page['@odata.nextLink']).get()) as Page<Item>;
        first.push(...page.value);
      }
      expect(first.map((i) => i.fields?.Key)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
      const deltaLink = page['@odata.deltaLink'] ?? '';
      expect(deltaLink).toMatch(/\/items\/delta\?token=[\w-]+$/);
      // First call without a token: 2 units; the two pages with a token: 1 each.
      expect(emulator.stats.resourceUnits).toBe(4);

      emulator.updateItem(site, 'Tasks', '2', { Status: 'changed elsewhere' });
      emulator.deleteItem(site, 'Tasks', '4');
      await client.api(`/sites/${site}/lists/${list}/items`).post({ fields: { Key: 'k5' } });
      // The token remembers $top=2 and $expand=fields from the first call.
      const changes = (await client.api(deltaLink).get()) as Page<Item>;
      expect(changes.value).toHaveLength(2);
      const rest = (await client.api(changes['@odata.nextLink'] ?? '').get()) as Page<Item>;
      expect([...changes.value, ...rest.value]).toEqual([
        expect.objectContaining({
          id: '2',
          fields: expect.objectContaining({ Status: 'changed elsewhere' }),
        }),
        expect.objectContaining({ id: '4', deleted: { state: 'deleted' } }),
        expect.objectContaining({ id: '6', fields: expect.objectContaining({ Key: 'k5' }) }),
      ]);
      const quiet = (await client.api(rest['@odata.deltaLink'] ?? '').get()) as Page<Item>;
      expect(quiet.value).toEqual([]);
      expect(quiet['@odata.deltaLink']).toBeDefined();
    });

    it('gives a deltaLink from now for token=latest', async () => {
      const list = await tasks();
      emulator.seedItems(site, 'Tasks', [{ Key: 'old' }]);
      const latest = (await client
        .api(`/sites/${site}/lists/${list}/items/delta?token=latest`)
        .get()) as Page<Item>;
      expect(latest.value).toEqual([]);
      emulator.seedItems(site, 'Tasks', [{ Key: 'new' }]);
      const next = (await client.api(latest['@odata.deltaLink'] ?? '').get()) as Page<Item>;
      expect(next.value.map((i) => i.id)).toEqual(['2']);
    });

    it('answers an expired token with 410 Gone, resyncRequired and a Location to start over', async () => {
      const list = await tasks();
      const start = (await client
        .api(`/sites/${site}/lists/${list}/items/delta?$expand=fields`)
        .get()) as Page<Item>;
      emulator.expireDeltaTokens(site, 'Tasks');
      const gone = await call(emulator, 'GET', start['@odata.deltaLink'] ?? '');
      expect(gone.status).toBe(410);
      expect(gone.body.error).toMatchObject({
        code: 'resyncRequired',
        innerError: expect.objectContaining({ code: 'resyncChangesApplyDifferences' }),
      });
      expect(gone.headers.get('location')).toMatch(/\/items\/delta\?%24expand=fields$/);
      await expect(client.api(start['@odata.deltaLink'] ?? '').get()).rejects.toMatchObject({
        statusCode: 410,
        code: 'resyncRequired',
      });
      const fresh = await call(emulator, 'GET', gone.headers.get('location') ?? '');
      expect(fresh.status).toBe(200);
    });
  });

  describe('$batch', () => {
    it('runs up to 20 requests and answers each by id', async () => {
      const list = await tasks();
      const [seeded] = emulator.seedItems(site, 'Tasks', [{ Key: 'a' }]);
      const items = `/sites/${site}/lists/${list}/items`;
      emulator.resetStats();
      const answer = (await client.api('/$batch').post({
        requests: [
          {
            id: 'create',
            method: 'POST',
            url: items,
            headers: { 'Content-Type': 'application/json' },
            body: { fields: { Key: 'b' } },
          },
          {
            id: 'update',
            method: 'PATCH',
            url: `${items}/${seeded?.id}/fields`,
            headers: { 'Content-Type': 'application/json', 'If-Match': seeded?.eTag ?? '' },
            body: { Status: 'done' },
          },
          {
            id: 'read',
            method: 'GET',
            url: `${items}/${seeded?.id}?expand=fields`,
            dependsOn: ['update'],
          },
        ],
      })) as BatchAnswer;
      const byId = new Map(answer.responses.map((r) => [r.id, r]));
      expect(byId.get('create')).toMatchObject({ status: 201, body: { fields: { Key: 'b' } } });
      expect(byId.get('update')).toMatchObject({ status: 200, body: { Status: 'done' } });
      expect(byId.get('read')?.body?.fields?.Status).toBe('done');
      expect(emulator.stats).toMatchObject({
        requests: 1,
        batchedRequests: 3,
        requestsByRoute: { 'POST batch': 1 },
        batchedByRoute: { 'POST items': 1, 'PATCH fields': 1, 'GET item': 1 },
        resourceUnits: 2 + 2 + 1,
      });
    });

    it('refuses more than 20 requests, and a write without Content-Type, with 400', async () => {
      const list = await tasks();
      const many = Array.from({ length: 21 }, (_, i) => ({
        id: String(i),
        method: 'GET',
        url: `/sites/${site}/lists/${list}`,
      }));
      const tooMany = await call(emulator, 'POST', '/$batch', { body: { requests: many } });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.code).toBe('BadRequest');
      const untyped = await call(emulator, 'POST', '/$batch', {
        body: {
          requests: [
            { id: '1', method: 'POST', url: `/sites/${site}/lists/${list}/items`, body: {} },
          ],
        },
      });
      expect(untyped.status).toBe(400);
      expect(untyped.body.error.message).toBe(
        'Write request id : 1 does not contain Content-Type header or body.',
      );
    });

    it('answers 424 to a request whose dependency failed', async () => {
      const list = await tasks();
      const [seeded] = emulator.seedItems(site, 'Tasks', [{ Key: 'a' }]);
      const url = `/sites/${site}/lists/${list}/items/${seeded?.id}/fields`;
      const answer = (await client.api('/$batch').post({
        requests: [
          {
            id: '1',
            method: 'PATCH',
            url,
            headers: {
              'Content-Type': 'application/json',
              'If-Match': '"{00000000-0000-0000-0000-000000000000},9"',
            },
            body: { Status: 'x' },
          },
          { id: '2', method: 'DELETE', url: url.replace('/fields', ''), dependsOn: ['1'] },
        ],
      })) as BatchAnswer;
      const byId = new Map(answer.responses.map((r) => [r.id, r.status]));
      expect(byId).toEqual(
        new Map([
          ['1', 412],
          ['2', 424],
        ]),
      );
      expect(emulator.listItems(site, 'Tasks')).toHaveLength(1);
    });

    it('throttles requests inside a batch while the batch answers 200, writing nothing for them', async () => {
      const list = await tasks();
      emulator.faults.batchItemThrottleRate = 1;
      const answer = (await client.api('/$batch').post({
        requests: [1, 2, 3].map((n) => ({
          id: String(n),
          method: 'POST',
          url: `/sites/${site}/lists/${list}/items`,
          headers: { 'Content-Type': 'application/json' },
          body: { fields: { Key: `k${n}` } },
        })),
      })) as BatchAnswer;
      expect(answer.responses.map((r) => r.status)).toEqual([429, 429, 429]);
      expect(answer.responses[0]?.headers?.['Retry-After']).toBe('0');
      expect(emulator.listItems(site, 'Tasks')).toHaveLength(0);
      expect(emulator.stats.throttled).toBe(3);
    });
  });

  describe('faults', () => {
    it("writes each record exactly once through 30% 429/503 with the RetryHandler's retries", async () => {
      const list = await tasks();
      emulator.faults.throttleRate = 0.2;
      emulator.faults.unavailableRate = 0.1;
      for (let i = 0; i < 30; i += 1) {
        await client.api(`/sites/${site}/lists/${list}/items`).post({ fields: { Key: `k${i}` } });
      }
      const stored = emulator.listItems(site, 'Tasks').map((i) => i.fields.Key);
      expect(stored).toEqual(Array.from({ length: 30 }, (_, i) => `k${i}`));
      expect(emulator.stats.throttled + emulator.stats.unavailable).toBeGreaterThan(0);
      expect(emulator.stats.retries).toBe(emulator.stats.throttled + emulator.stats.unavailable);
    });

    it('never applies a write it answered 429 or 503', async () => {
      const list = await tasks();
      const noRetry = graphClient(emulator, new RetryHandlerOptions(0, 0));
      emulator.failNext(1, { status: 429, retryAfterSeconds: 1 });
      const throttled = noRetry
        .api(`/sites/${site}/lists/${list}/items`)
        .post({ fields: { Key: 'a' } });
      await expect(throttled).rejects.toMatchObject({ statusCode: 429 });
      emulator.failNext(1, { status: 503, match: (t) => t.method === 'POST' });
      await expect(
        noRetry.api(`/sites/${site}/lists/${list}/items`).post({ fields: { Key: 'a' } }),
      ).rejects.toMatchObject({ statusCode: 503 });
      expect(emulator.listItems(site, 'Tasks')).toHaveLength(0);
    });

    it('can apply a write and lose the answer (504), so a retried create meets the unique Key', async () => {
      const list = await tasks();
      emulator.failNext(1, { status: 504 });
      // The RetryHandler retries 504 even for POST: the retry finds the item already there.
      await expect(
        client.api(`/sites/${site}/lists/${list}/items`).post({ fields: { Key: 'once' } }),
      ).rejects.toMatchObject({ statusCode: 409, code: 'nameAlreadyExists' });
      expect(emulator.listItems(site, 'Tasks').map((i) => i.fields.Key)).toEqual(['once']);
      expect(emulator.stats.timedOutAfterWrite).toBe(1);
    });

    it('adds latency, and replays the same faults from the same seed', async () => {
      emulator.faults.latencyMs = 60;
      const started = Date.now();
      await client.api(`/sites/${site}`).get();
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
      const run = async (): Promise<number[]> => {
        const e = await startGraphEmulator({ seed: 42, faults: { throttleRate: 0.5 } });
        try {
          const statuses: number[] = [];
          for (let i = 0; i < 12; i += 1) {
            statuses.push((await call(e, 'GET', `/sites/${e.siteId()}`)).status);
          }
          return statuses;
        } finally {
          await e.close();
        }
      };
      const [a, b] = [await run(), await run()];
      expect(a).toEqual(b);
      expect(a).toContain(429);
    });
  });

  describe('accounting', () => {
    it('counts requests by route and resource units as SharePoint does', async () => {
      const list = await tasks();
      const [seeded] = emulator.seedItems(site, 'Tasks', [{ Key: 'a' }]);
      emulator.resetStats();
      const items = `/sites/${site}/lists/${list}/items`;
      await client.api(`${items}/${seeded?.id}?expand=fields`).get(); // single item: 1
      await client.api(`${items}?expand=fields`).get(); // multi-item: 2
      const created = (await client.api(items).post({ fields: { Key: 'b' } })) as Item; // 2
      await client.api(`${items}/${created.id}/fields`).patch({ Status: 'x' }); // 2
      await client.api(`${items}/${created.id}`).delete(); // 2
      const delta = (await client.api(`${items}/delta`).get()) as Page<Item>; // no token: 2
      await client.api(delta['@odata.deltaLink'] ?? '').get(); // token: 1
      expect(emulator.stats).toMatchObject({
        requests: 7,
        resourceUnits: 12,
        requestsByRoute: {
          'GET item': 1,
          'GET items': 1,
          'POST items': 1,
          'PATCH fields': 1,
          'DELETE item': 1,
          'GET delta': 2,
        },
      });
      expect(emulator.requests.map((r) => r.resourceUnits)).toEqual([1, 2, 2, 2, 2, 2, 1]);
    });

    it('throttles past a resource-unit budget and sends RateLimit headers near it', async () => {
      const budgeted = await startGraphEmulator({ resourceUnitsPerMinute: 10 });
      try {
        const id = budgeted.siteId();
        const reads: Array<Awaited<ReturnType<typeof call>>> = [];
        for (let i = 0; i < 11; i += 1) reads.push(await call(budgeted, 'GET', `/sites/${id}`));
        expect(reads.slice(0, 10).every((r) => r.status === 200)).toBe(true);
        expect(reads[7]?.headers.get('ratelimit-limit')).toBe('10');
        expect(reads[10]?.status).toBe(429);
        expect(Number(reads[10]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      } finally {
        await budgeted.close();
      }
    });
  });
});
