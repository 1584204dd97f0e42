import https from 'node:https';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { createSelfSignedCertificate } from './graph/tls-certificate';

/**
 * One telemetry item as Application Insights' ingestion endpoint (Breeze, `/v2.1/track`) receives
 * it: `Microsoft.ApplicationInsights.Request`, `.RemoteDependency`, `.Message`, `.Metric`...
 */
export type TelemetryEnvelope = {
  name: string;
  iKey?: string;
  time: string;
  tags?: Record<string, string>;
  data?: {
    baseType?: string;
    baseData?: Record<string, unknown> & { properties?: Record<string, string> };
  };
};

export type AppInsightsEmulator = {
  /** `https://127.0.0.1:PORT/`: the connection string's IngestionEndpoint (the exporter sends https only). */
  url: string;
  /** The emulator's self-signed certificate (PEM): a child process trusts it by NODE_EXTRA_CA_CERTS. */
  certificate: string;
  /** A connection string for an instrumentation key pointing here. */
  connectionString: string;
  /** Every item received, in order. */
  readonly items: TelemetryEnvelope[];
  /** Items of one base type (`RequestData`, `RemoteDependencyData`...). */
  ofType(baseType: string): TelemetryEnvelope[];
  /** Resolves when an item matches, or rejects after `timeoutMs`. */
  waitFor(
    match: (item: TelemetryEnvelope) => boolean,
    timeoutMs?: number,
  ): Promise<TelemetryEnvelope>;
  close(): Promise<void>;
};

export const EMULATED_IKEY = '3f0c5d2a-8b1e-4c7d-9a6f-2e4b7c1d0a95';

/**
 * Application Insights' ingestion endpoint on loopback (HTTPS, self-signed): takes `POST /v2.1/track` (JSON array or
 * newline-delimited JSON, gzip or not), checks each item's instrumentation key, keeps the items
 * and answers as Breeze does (`itemsReceived`, `itemsAccepted`, `errors` per refused index).
 */
export async function startAppInsightsEmulator(): Promise<AppInsightsEmulator> {
  const items: TelemetryEnvelope[] = [];
  const waiters: Array<{
    match: (i: TelemetryEnvelope) => boolean;
    resolve: (i: TelemetryEnvelope) => void;
  }> = [];
  const tls = createSelfSignedCertificate('reap Application Insights emulator');
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || !/^\/v2(\.1)?\/track$/.test(req.url ?? '')) {
        return answer(404, { error: 'not found' });
      }
      let text: string;
      try {
        const raw = Buffer.concat(chunks);
        text = (req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString(
          'utf8',
        );
      } catch {
        return answer(400, {
          itemsReceived: 0,
          itemsAccepted: 0,
          errors: [{ index: 0, statusCode: 400, message: 'not gzip' }],
        });
      }
      let received: TelemetryEnvelope[];
      try {
        const trimmed = text.trim();
        received = trimmed.startsWith('[')
          ? (JSON.parse(trimmed) as TelemetryEnvelope[])
          : trimmed
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as TelemetryEnvelope);
      } catch {
        return answer(400, {
          itemsReceived: 0,
          itemsAccepted: 0,
          errors: [{ index: 0, statusCode: 400, message: 'invalid JSON' }],
        });
      }
      const errors: Array<{ index: number; statusCode: number; message: string }> = [];
      received.forEach((item, index) => {
        if (item.iKey !== EMULATED_IKEY) {
          errors.push({ index, statusCode: 400, message: 'Invalid instrumentation key' });
          return;
        }
        items.push(item);
        for (const w of [...waiters]) {
          if (w.match(item)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(item);
          }
        }
      });
      answer(errors.length ? 206 : 200, {
        itemsReceived: received.length,
        itemsAccepted: received.length - errors.length,
        errors,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    certificate: tls.cert,
    connectionString: `InstrumentationKey=${EMULATED_IKEY};IngestionEndpoint=${url};LiveEndpoint=${url}`,
    items,
    ofType: (baseType) => items.filter((i) => i.data?.baseType === baseType),
    waitFor: (match, timeoutMs = 30_000) => {
      const found = items.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `no matching telemetry in ${timeoutMs} ms; got ${items.map((i) => i.name).join(', ')}`,
            ),
          );
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (item: TelemetryEnvelope) => {
            clearTimeout(timer);
            resolve(item);
          },
        };
        waiters.push(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
