import { tempDir } from '../../tests/support/temp-dir';
import { ConfigError, loadConfig } from './config';

const GUID = '11111111-2222-4333-8444-555555555555';
const TENANT = '99999999-2222-4333-8444-555555555555';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: tempDir(), ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('loadConfig: sign-in, roles and limits', () => {
  it("defaults to Microsoft's public cloud, the EquityOfficer app role and 300 requests a minute", () => {
    const c = loadConfig({ DATA_DIR: tempDir() });
    expect(c.bot.authorityHost).toBe('https://login.microsoftonline.com');
    expect(c.bot.openIdMetadataUrl).toBeUndefined();
    expect(c.tabAuth.authorityHost).toBe('https://login.microsoftonline.com');
    expect(c.officerAppRole).toBe('EquityOfficer');
    expect(c.officerGroupId).toBeUndefined();
    expect(c.rateLimit).toEqual({ perMinute: 300, burst: 60 });
  });

  it('requires the tenant with each app id', () => {
    expect(problems({ BOT_ID: GUID, BOT_PASSWORD: 'x' })).toEqual([
      "BOT_TENANT_ID: must be set when BOT_ID is set (the city's tenant id; the bot is single-tenant)",
    ]);
    expect(problems({ AAD_APP_CLIENT_ID: GUID })).toEqual([
      "AAD_APP_TENANT_ID: must be set when AAD_APP_CLIENT_ID is set (the city's tenant id)",
    ]);
  });

  it('derives the Application ID URI from PUBLIC_URL, or takes AAD_APP_ID_URI', () => {
    const env = { AAD_APP_CLIENT_ID: GUID, AAD_APP_TENANT_ID: TENANT };
    expect(
      loadConfig({ DATA_DIR: tempDir(), ...env, PUBLIC_URL: 'https://reap.example.gov' }).tabAuth
        .appIdUri,
    ).toBe(`api://reap.example.gov/${GUID}`);
    expect(
      loadConfig({ DATA_DIR: tempDir(), ...env, AAD_APP_ID_URI: `api://x.example/${GUID}` }).tabAuth
        .appIdUri,
    ).toBe(`api://x.example/${GUID}`);
    expect(problems({ ...env, AAD_APP_ID_URI: 'https://x' })[0]).toMatch(/^AAD_APP_ID_URI: /);
  });

  it('takes sign-in addresses over https, or over http on this machine only', () => {
    expect(problems({ AAD_AUTHORITY_HOST: 'http://127.0.0.1:8080' })).toEqual([]);
    expect(problems({ AAD_AUTHORITY_HOST: 'http://login.example.gov' })[0]).toMatch(
      /^AAD_AUTHORITY_HOST: must be an https origin/,
    );
    expect(problems({ BOT_AUTHORITY_HOST: 'http://127.0.0.1:8080' })[0]).toMatch(
      /^BOT_AUTHORITY_HOST: /,
    );
    expect(problems({ BOT_OPENID_METADATA_URL: 'http://evil.example/openid' })[0]).toMatch(
      /^BOT_OPENID_METADATA_URL: /,
    );
    expect(
      loadConfig({
        DATA_DIR: tempDir(),
        BOT_OPENID_METADATA_URL:
          'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      }).bot.openIdMetadataUrl,
    ).toMatch(/azure\.us/);
  });

  it('names wrong role and limit settings', () => {
    expect(problems({ EQUITY_OFFICER_GROUP_ID: 'officers' })[0]).toMatch(
      /^EQUITY_OFFICER_GROUP_ID: /,
    );
    expect(problems({ EQUITY_OFFICER_APP_ROLE: 'Equity Officer' })[0]).toMatch(
      /^EQUITY_OFFICER_APP_ROLE: /,
    );
    expect(problems({ API_RATE_LIMIT_PER_MINUTE: '0' })[0]).toMatch(/^API_RATE_LIMIT_PER_MINUTE: /);
    expect(problems({ API_RATE_LIMIT_BURST: 'lots' })[0]).toMatch(/^API_RATE_LIMIT_BURST: /);
  });
});
