import { startBotConnectorEmulator, type BotConnectorEmulator } from './bot-connector';

describe('Bot Connector emulator', () => {
  let connector: BotConnectorEmulator;
  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
  });
  afterAll(() => connector.close());
  beforeEach(() => connector.reset());

  const call = (method: string, path: string, body?: unknown) =>
    fetch(new URL(path, connector.url), {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('records sends, replies and updates and answers with an id', async () => {
    const sent = await call('POST', 'v3/conversations/a%3A1/activities', {
      type: 'message',
      text: 'a',
    });
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: string };
    await call('POST', `v3/conversations/a%3A1/activities/${id}`, { type: 'message', text: 'b' });
    const updated = await call('PUT', `v3/conversations/a%3A1/activities/${id}`, {
      type: 'message',
      text: 'c',
    });
    expect(await updated.json()).toEqual({ id });
    expect(connector.requests.map((r) => [r.kind, r.conversationId, r.activityId ?? null])).toEqual(
      [
        ['send', 'a:1', null],
        ['reply', 'a:1', id],
        ['update', 'a:1', id],
      ],
    );
    expect(connector.activities().map((a) => a.text)).toEqual(['a', 'b', 'c']);
  });

  it('creates conversations', async () => {
    const res = await call('POST', 'v3/conversations', {
      members: [{ id: '29:x' }],
      isGroup: false,
    });
    expect(res.status).toBe(201);
    expect((await res.json()) as { id: string }).toMatchObject({
      id: expect.stringMatching(/^a:/),
    });
    expect(connector.requests[0]?.kind).toBe('create');
  });

  it('throttles the next requests with 429 and Retry-After when told to', async () => {
    connector.failNext(2, { status: 429, retryAfterSeconds: 3, kinds: ['send'] });
    const first = await call('POST', 'v3/conversations/c/activities', { text: '1' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await call('POST', 'v3/conversations/c/activities', { text: '2' })).status).toBe(429);
    expect((await call('POST', 'v3/conversations/c/activities', { text: '3' })).status).toBe(201);
    expect(connector.activities().map((a) => a.text)).toEqual(['3']);
  });

  it('waits for a matching request', async () => {
    const waiting = connector.waitFor((r) => r.body.text === 'late');
    await call('POST', 'v3/conversations/c/activities', { text: 'late' });
    expect((await waiting).kind).toBe('send');
    await expect(connector.waitFor(() => false, 50)).rejects.toThrow(/nothing matched/);
  });
});
