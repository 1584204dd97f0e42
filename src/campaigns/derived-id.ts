import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-1) derived from `name`: the same name always gives the same id,
 * so a write repeated after a stop finds what the first one made.
 */
export function derivedUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
