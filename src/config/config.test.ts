import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../tests/support/temp-dir';
import { ConfigError, loadConfig } from './config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: tempDir(), ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('defaults to port 3978 on 127.0.0.1, local mode, the demo seed and Milwaukee 2020–2021', () => {
    const c = loadConfig({ DATA_DIR: tempDir() });
    expect(c).toMatchObject({ port: 3978, host: '127.0.0.1', localMode: true, seed: 'demo' });
    expect(c.plan.terms.impactStatement).toBe('Minority Impact Statement');
  });

  it('names PORT and the rule when the port is wrong', () => {
    expect(problems({ PORT: 'eighty' })).toEqual([
      'PORT: must be a whole number from 0 to 65535 (got "eighty")',
    ]);
    expect(problems({ PORT: '70000' })[0]).toMatch(/^PORT: /);
  });

  it('logs at info with no traces by default; LOG_LEVEL and Application Insights when set', () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).operations).toEqual({ logLevel: 'info' });
    const connectionString =
      'InstrumentationKey=3f0c5d2a-8b1e-4c7d-9a6f-2e4b7c1d0a95;IngestionEndpoint=https://westus2-2.in.applicationinsights.azure.com/';
    expect(
      loadConfig({
        DATA_DIR: tempDir(),
        LOG_LEVEL: 'debug',
        APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString,
      }).operations,
    ).toEqual({ logLevel: 'debug', appInsightsConnectionString: connectionString });
  });

  it('names LOG_LEVEL and the connection string, never repeating the string', () => {
    expect(problems({ LOG_LEVEL: 'verbose' })).toEqual([
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ]);
    const wrong = problems({
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        'InstrumentationKey=not-a-guid;IngestionEndpoint=https://x.in.applicationinsights.azure.com/',
    });
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatch(
      /^APPLICATIONINSIGHTS_CONNECTION_STRING: must be .*\(got "\(not shown\)"\)$/,
    );
    expect(
      problems({
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          'InstrumentationKey=3f0c5d2a-8b1e-4c7d-9a6f-2e4b7c1d0a95;IngestionEndpoint=http://insights.example.com/',
      }),
    ).toHaveLength(1);
  });

  it('names DATA_DIR when the data folder cannot be created', () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    const [line] = problems({ DATA_DIR: path.join(file, 'data') });
    expect(line).toMatch(/^DATA_DIR: .* must be a folder reap can create, read and write/);
  });

  it('requires BOT_PASSWORD with BOT_ID and leaves local mode when an identity is set', () => {
    const id = '11111111-2222-4333-8444-555555555555';
    const tenant = { BOT_TENANT_ID: '99999999-2222-4333-8444-555555555555' };
    expect(problems({ BOT_ID: id, ...tenant })).toEqual([
      'BOT_PASSWORD: must be set when BOT_ID is set (the bot app client secret)',
    ]);
    expect(
      loadConfig({ DATA_DIR: tempDir(), BOT_ID: id, BOT_PASSWORD: 's', ...tenant }).localMode,
    ).toBe(false);
    expect(problems({ AAD_APP_CLIENT_ID: 'not-a-guid' })[0]).toMatch(/^AAD_APP_CLIENT_ID: /);
  });

  it('reads other terms, dates and thresholds from a plan settings file', () => {
    const file = path.join(tempDir(), 'plan.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        planTitle: 'Racial Equity and Inclusion Plan 2024–2028',
        period: { start: '2024-01-01', end: '2028-12-31' },
        terms: { impactStatement: 'REI Impact Statement' },
      }),
    );
    const c = loadConfig({ DATA_DIR: tempDir(), PLAN_SETTINGS_FILE: file });
    expect(c.plan.terms.impactStatement).toBe('REI Impact Statement');
    expect(c.plan.terms.leadershipTeamShort).toBe('RELT');
    expect(c.plan.period.end).toBe('2028-12-31');
  });

  it('names the field of a wrong plan settings file', () => {
    const file = path.join(tempDir(), 'plan.json');
    fs.writeFileSync(file, JSON.stringify({ thresholds: { leadsPerDepartment: 0 } }));
    expect(problems({ PLAN_SETTINGS_FILE: file })[0]).toMatch(
      /^PLAN_SETTINGS_FILE: thresholds.leadsPerDepartment /,
    );
  });
});
