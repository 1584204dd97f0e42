import crypto from 'node:crypto';
import tls from 'node:tls';
import { createSelfSignedCertificate } from './tls-certificate';

describe('the emulator certificate', () => {
  it('is valid DER for 127.0.0.1 and localhost, whatever its random serial and signature', () => {
    // A random INTEGER starts with a zero byte one time in 256: each must still be minimal DER.
    for (let i = 0; i < 600; i += 1) {
      const { cert, key } = createSelfSignedCertificate();
      expect(() => tls.createSecureContext({ cert, key })).not.toThrow();
      const x509 = new crypto.X509Certificate(cert);
      expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(x509.checkHost('localhost')).toBe('localhost');
      expect(x509.ca).toBe(true);
    }
  });
});
