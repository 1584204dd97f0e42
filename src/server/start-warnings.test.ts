import { loadConfig } from '../config/config';
import { tempDir } from '../../tests/support/temp-dir';
import { startWarnings } from './start-warnings';

const GUID = '11111111-2222-4333-8444-555555555555';
const config = (env: Record<string, string>) => loadConfig({ DATA_DIR: tempDir(), ...env });

describe('startWarnings', () => {
  it('says nothing more in plain local mode on 127.0.0.1 (local mode has its own line)', () => {
    expect(startWarnings(config({}))).toEqual([]);
  });

  it('says so when the bot is anonymous outside local mode', () => {
    const warnings = startWarnings(config({ AAD_APP_CLIENT_ID: GUID, AAD_APP_TENANT_ID: GUID }));
    expect(warnings).toEqual([expect.stringMatching(/BOT_ID is not set: .* UNAUTHENTICATED/)]);
  });

  it('says so when nobody can sign in to the tab', () => {
    const warnings = startWarnings(
      config({ BOT_ID: GUID, BOT_PASSWORD: 'x', BOT_TENANT_ID: GUID }),
    );
    expect(warnings).toEqual([expect.stringMatching(/AAD_APP_CLIENT_ID is not set/)]);
  });

  it('says so when local mode listens on an address other machines reach', () => {
    expect(startWarnings(config({ HOST: '0.0.0.0' }))).toEqual([
      expect.stringMatching(/LOCAL MODE on 0\.0\.0\.0/),
    ]);
  });
});
