import type { SharePointConfig } from '../../src/config/config';
import { createGraphClient } from '../../src/store/sharepoint/graph-client';
import { provision } from '../../src/store/sharepoint/provision';
import {
  SharePointStore,
  type SharePointStoreOptions,
} from '../../src/store/sharepoint/sharepoint-store';
import { SiteLists } from '../../src/store/sharepoint/site-lists';
import type { GraphEmulator } from '../emulators/graph';

/** The SharePoint configuration that reaches `emulator` through the real MSAL and Graph client. */
export function emulatedConfig(emulator: GraphEmulator): SharePointConfig {
  return {
    siteUrl: 'https://contoso.sharepoint.com/sites/reap',
    tenantId: emulator.tenantId,
    clientId: '6d1f5c2a-0b7e-4c3d-9a8f-2e1d0c9b8a7f',
    clientSecret: 'test secret',
    graphEndpoint: emulator.url,
    authorityHost: emulator.url,
  };
}

/** Creates the lists on the emulator, as `npm run provision` does. */
export async function provisionEmulator(emulator: GraphEmulator): Promise<void> {
  const config = emulatedConfig(emulator);
  await provision(
    new SiteLists(createGraphClient(config, undefined, { retryDelaySeconds: 0 }), config),
  );
}

/** A SharePointStore on the emulator, retrying without waiting so fault tests stay fast. */
export function emulatedStore(
  emulator: GraphEmulator,
  options: SharePointStoreOptions = {},
): SharePointStore {
  return new SharePointStore(emulatedConfig(emulator), {
    retryDelaySeconds: 0,
    maxRetries: 10,
    maxStalenessMs: 0,
    ...options,
  });
}
