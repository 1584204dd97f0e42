import { readStorage, writeStorage } from '../host/browser-storage';
import type { LocalIdentity } from '../api/api-types';

const STORAGE_KEY = 'reap.localPersonId';

/** The person last chosen in the local identity picker, if any. */
export function storedLocalPersonId(): string | undefined {
  return readStorage(STORAGE_KEY) ?? undefined;
}

export function rememberLocalPersonId(personId: string): void {
  writeStorage(STORAGE_KEY, personId);
}

/**
 * Who the picker starts on: the remembered person if still offered, else the first Equity Officer,
 * else the first identity.
 */
export function defaultLocalIdentity(
  identities: LocalIdentity[],
  storedId: string | undefined,
): LocalIdentity | undefined {
  return (
    identities.find((i) => i.personId === storedId) ??
    identities.find((i) => i.role === 'officer') ??
    identities[0]
  );
}
