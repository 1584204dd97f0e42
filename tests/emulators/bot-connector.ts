import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the emulator received, as the bot sent it. */
export type ConnectorRequest = {
  method: string;
  path: string;
  /** What the bot did: `send` (to the conversation), `reply`, `update`, `delete`, `create`, `other`. */
  kind: 'send' | 'reply' | 'update' | 'delete' | 'create' | 'get-member' | 'other';
  conversationId?: string;
  /** The activity replied to, updated or deleted. */
  activityId?: string;
  /** The JSON body (an activity, or conversation parameters for `create`). */
  body: Record<string, unknown>;
  /** The HTTP status the emulator answered with. */
  status: number;
  /** The request's `Authorization` header: none when the bot runs anonymously. */
  authorization?: string;
  at: number;
};

/** A fault to answer the next requests with, instead of accepting them. */
export type ConnectorFault = {
  status: number;
  /** Seconds, sent as `Retry-After` (Teams sends it with 429). */
  retryAfterSeconds?: number;
  /** Only requests of these kinds get the fault; all kinds when left out. */
  kinds?: ConnectorRequest['kind'][];
};

/** A member the emulator answers `GET .../members/:id` with. */
export type ConnectorMember = {
  id: string;
  name: string;
  aadObjectId?: string;
  userPrincipalName?: string;
};

export type BotConnectorEmulator = {
  /** The service URL to put in activities: `http://127.0.0.1:PORT/`. */
  url: string;
  /** Every request received, faults included, in order. */
  requests: ConnectorRequest[];
  /** The activities the bot sent, replied or updated (not faulted), in order. */
  activities(): Array<Record<string, unknown>>;
  /** Answers the next `count` matching requests with `fault`. */
  failNext(count: number, fault: ConnectorFault): void;
  /** Members `GET /v3/conversations/:id/members/:memberId` finds. */
  members: Map<string, ConnectorMember>;
  /** Resolves when `predicate` holds for some request, or rejects after `timeoutMs`. */
  waitFor(
    predicate: (r: ConnectorRequest) => boolean,
    timeoutMs?: number,
  ): Promise<ConnectorRequest>;
  reset(): void;
  close(): Promise<void>;
};

const ACTIVITY = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;

function classify(
  method: string,
  path: string,
): Pick<ConnectorRequest, 'kind' | 'conversationId' | 'activityId'> {
  if (method === 'POST' && path === '/v3/conversations') return { kind: 'create' };
  const member = MEMBER.exec(path);
  if (member && method === 'GET') {
    return {
      kind: 'get-member',
      conversationId: decodeURIComponent(member[1] ?? ''),
      activityId: decodeURIComponent(member[2] ?? ''),
    };
  }
  const m = ACTIVITY.exec(path);
  if (!m) return { kind: 'other' };
  const conversationId = decodeURIComponent(m[1] ?? '');
  const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  if (method === 'POST') return { kind: activityId ? 'reply' : 'send', conversationId, activityId };
  if (method === 'PUT' && activityId) return { kind: 'update', conversationId, activityId };
  if (method === 'DELETE' && activityId) return { kind: 'delete', conversationId, activityId };
  return { kind: 'other', conversationId, activityId };
}

/**
 * A local HTTP server that answers like the Bot Connector service (the `serviceUrl` Teams puts in
 * every activity): send, reply, update, delete and create conversation, each recorded with the
 * Authorization header it came with. It accepts any or none: tests check the token themselves. Faults can be injected, e.g.
 * `failNext(3, { status: 429, retryAfterSeconds: 1 })`, as Teams throttles a busy bot.
 */
export async function startBotConnectorEmulator(): Promise<BotConnectorEmulator> {
  const requests: ConnectorRequest[] = [];
  const faults: Array<ConnectorFault & { left: number }> = [];
  const members = new Map<string, ConnectorMember>();
  const waiters: Array<{
    predicate: (r: ConnectorRequest) => boolean;
    resolve: (r: ConnectorRequest) => void;
  }> = [];
  let nextId = 1;

  const record = (r: ConnectorRequest): void => {
    requests.push(r);
    for (const w of [...waiters]) {
      if (w.predicate(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      // Teams' service URLs end in `/`, so clients may ask for `//v3/...`.
      const path = new URL(req.url ?? '/', 'http://emulator').pathname.replace(/\/{2,}/g, '/');
      let body: Record<string, unknown> = {};
      const text = Buffer.concat(chunks).toString('utf8');
      if (text) {
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'BadSyntax', message: 'Body is not JSON' } }));
          return;
        }
      }
      const where = classify(method, path);
      const authorization = req.headers.authorization;
      const auth = authorization ? { authorization } : {};
      const fault = faults.find((f) => f.left > 0 && (!f.kinds || f.kinds.includes(where.kind)));
      if (fault) {
        fault.left -= 1;
        if (fault.left === 0) faults.splice(faults.indexOf(fault), 1);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfterSeconds !== undefined)
          headers['retry-after'] = String(fault.retryAfterSeconds);
        record({ method, path, ...where, ...auth, body, status: fault.status, at: Date.now() });
        res.writeHead(fault.status, headers);
        res.end(
          JSON.stringify({ error: { code: `Status${fault.status}`, message: 'Injected fault' } }),
        );
        return;
      }

      let status = 200;
      let answer: unknown;
      switch (where.kind) {
        case 'send':
        case 'reply':
          status = 201;
          answer = { id: `activity-${nextId++}` };
          break;
        case 'update':
          answer = { id: where.activityId };
          break;
        case 'delete':
          answer = {};
          break;
        case 'create': {
          const id = `a:conversation-${nextId++}`;
          answer = { id, activityId: body.activity ? `activity-${nextId++}` : undefined };
          status = 201;
          break;
        }
        case 'get-member': {
          const member = members.get(where.activityId ?? '');
          if (member) {
            answer = member;
          } else {
            status = 404;
            answer = { error: { code: 'ConversationNotFound', message: 'Member not found' } };
          }
          break;
        }
        default:
          status = 404;
          answer = { error: { code: 'NotFound', message: `${method} ${path} is not emulated` } };
      }
      record({ method, path, ...where, ...auth, body, status, at: Date.now() });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    members,
    activities: () =>
      requests
        .filter((r) => r.status < 300 && ['send', 'reply', 'update'].includes(r.kind))
        .map((r) => r.body),
    failNext: (count, fault) => {
      faults.push({ ...fault, left: count });
    },
    waitFor: (predicate, timeoutMs = 5000) => {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (r: ConnectorRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`bot connector emulator: nothing matched within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    reset: () => {
      requests.length = 0;
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
