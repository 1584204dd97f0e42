import { loadConfig } from '../config/config';
import { tempDir } from '../../tests/support/temp-dir';
import { clockStartingOn } from '../services/clock';
import { dateLines, startWarnings } from './start-warnings';

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

describe('dateLines', () => {
  it('says which day REAP_TODAY set, and the clock runs on from it', () => {
    const c = config({ REAP_TODAY: '2021-06-15' });
    const clock = clockStartingOn('2021-06-15', Date.now() - 3_600_000);
    expect(clock.now().toISOString()).toMatch(/^2021-06-15T13:/);
    expect(dateLines(c, '2021-06-15')).toEqual([
      expect.stringMatching(/today +2021-06-15 \(REAP_TODAY/),
    ]);
  });

  it('says how to look at a plan whose period is over, and nothing inside the period', () => {
    expect(dateLines(config({}), '2026-11-29')).toEqual([
      expect.stringMatching(/period \(2020-01-01 to 2021-12-31\) is over.*REAP_TODAY=2021-06-15/),
    ]);
    expect(dateLines(config({}), '2021-03-01')).toEqual([]);
  });

  it('refuses REAP_TODAY outside local mode, and a date that is not one', () => {
    expect(() => config({ REAP_TODAY: '2021-02-30' })).toThrow(/REAP_TODAY: must be a date/);
    expect(() =>
      config({ REAP_TODAY: '2021-06-15', BOT_ID: GUID, BOT_PASSWORD: 'x', BOT_TENANT_ID: GUID }),
    ).toThrow(/REAP_TODAY: only in local mode/);
  });
});
