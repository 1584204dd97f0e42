import crypto from 'node:crypto';
import tls from 'node:tls';

/**
 * The emulator must speak HTTPS: MSAL refuses an authority that is not `https:`
 * (`authority_uri_insecure`), and the Graph client only attaches the bearer token to, and only
 * parses absolute `@odata.nextLink`s of, `https://` URLs. So it serves a self-signed certificate
 * made here, at start, with node:crypto alone (no key is ever stored), and this process's `fetch`
 * (which MSAL and the Graph client both use) is told to trust it.
 */
export type SelfSignedCertificate = { cert: string; key: string };

const length = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const der = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...parts: Buffer[]): Buffer => der(0x30, ...parts);
/** A DER INTEGER: minimal length (no redundant leading zero), positive. */
const integer = (bytes: Buffer): Buffer => {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && ((bytes[start + 1] ?? 0) & 0x80) === 0) {
    start += 1;
  }
  const minimal = bytes.subarray(start);
  return der(0x02, (minimal[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
};
const oid = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const out = [40 * first + second];
  for (const n of rest) {
    const bytes = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) bytes.unshift((v & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return der(0x06, Buffer.from(out));
};
const utcTime = (d: Date): Buffer =>
  der(0x17, Buffer.from(`${d.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`));
const TRUE = der(0x01, Buffer.from([0xff]));

/** A P-256 certificate for 127.0.0.1 and localhost, its own CA, valid for 30 days. */
export function createSelfSignedCertificate(
  commonName = 'reap Graph emulator',
): SelfSignedCertificate {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
  const name = sequence(
    der(0x31, sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))),
  );
  const now = Date.now();
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))),
    integer(crypto.randomBytes(16)),
    ecdsaWithSha256,
    name,
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 30 * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(
      0xa3,
      sequence(
        // basicConstraints CA:TRUE, so the certificate is its own trust anchor.
        sequence(oid('2.5.29.19'), TRUE, der(0x04, sequence(TRUE))),
        // subjectAltName: IP 127.0.0.1 and DNS localhost, which TLS checks the host against.
        sequence(
          oid('2.5.29.17'),
          der(
            0x04,
            sequence(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost'))),
          ),
        ),
      ),
    ),
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  const certificate = sequence(
    tbs,
    ecdsaWithSha256,
    der(0x03, Buffer.concat([Buffer.from([0]), signature])),
  );
  const base64 = certificate.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64.join('\n')}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

type Dispatcher = { constructor: new (options: unknown) => unknown };
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
const trusted = new Set<string>();

/**
 * Makes this process's `fetch` trust `certificatePem` besides the usual roots. Node's `fetch` is
 * undici, which takes its dispatcher from a global symbol of the realm that defined `fetch`; under
 * jest that realm is the outer one, reached through `fetch`'s own Function constructor. The new
 * dispatcher is undici's own Agent class with `connect.ca` set. (The `undici` package's
 * `setGlobalDispatcher` does the same, but it is not a dependency here.)
 */
export async function trustInFetch(certificatePem: string): Promise<void> {
  if (trusted.has(certificatePem)) return;
  // undici is loaded, and its global dispatcher created, on the first fetch.
  await fetch('data:,');
  const realm = (fetch as unknown as { constructor: FunctionConstructor }).constructor(
    'return globalThis',
  )() as Record<symbol, Dispatcher | undefined>;
  const current = realm[DISPATCHER];
  if (!current) throw new Error('graph emulator: fetch has no undici dispatcher to extend');
  trusted.add(certificatePem);
  realm[DISPATCHER] = new current.constructor({
    connect: { ca: [...tls.rootCertificates, ...trusted] },
  }) as Dispatcher;
}
