import { ConfigError, loadConfig } from '../../bot/config';

const LIVE = {
  MODE: 'live',
  MicrosoftAppId: '11111111-1111-1111-1111-111111111111',
  MicrosoftAppPassword: 'bot-secret-value',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '22222222-2222-2222-2222-222222222222',
  PARTNER_CENTER_TENANT_ID: '33333333-3333-3333-3333-333333333333',
  PARTNER_CENTER_CLIENT_ID: '44444444-4444-4444-4444-444444444444',
  PARTNER_CENTER_CLIENT_SECRET: 'pc-secret-value',
  PUBLIC_BASE_URL: 'https://bot.contoso-partner.example',
  DOWNLOAD_LINK_SECRET: 'a-signing-secret-of-at-least-32-characters',
  ALLOWED_TENANT_IDS: '66666666-6666-6666-6666-666666666666',
  PURCHASER_IDS: '55555555-5555-5555-5555-555555555555',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, () => 'PRIVATE KEY');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('defaults to local mode against the simulator on loopback with no credentials', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('local');
    expect(config.bot.host).toBe('127.0.0.1');
    expect(config.bot.port).toBe(3978);
    expect(config.partnerCenter.baseUrl).toBe('http://127.0.0.1:4010');
    expect(config.partnerCenter.msal).toBeUndefined();
    expect(config.bot.microsoftApp.appId).toBe('');
  });

  it('points local mode at the simulator port that is configured', () => {
    expect(loadConfig({ PC_SIMULATOR_PORT: '4555' }).partnerCenter.baseUrl).toBe('http://127.0.0.1:4555');
  });

  it('accepts a complete live configuration and defaults to the real Partner Center host', () => {
    const config = loadConfig(LIVE);
    expect(config.mode).toBe('live');
    expect(config.partnerCenter.baseUrl).toBe('https://api.partnercenter.microsoft.com');
    expect(config.partnerCenter.msal).toMatchObject({
      tenantId: LIVE.PARTNER_CENTER_TENANT_ID,
      clientId: LIVE.PARTNER_CENTER_CLIENT_ID,
      authorityHost: 'https://login.microsoftonline.com',
    });
    expect(config.bot.host).toBe('0.0.0.0');
  });

  it('supports the US Government authority and certificate credentials', () => {
    const { PARTNER_CENTER_CLIENT_SECRET: _omit, ...withoutSecret } = LIVE;
    const config = loadConfig(
      {
        ...withoutSecret,
        CLOUD: 'usgov',
        PARTNER_CENTER_CERTIFICATE_PATH: '/secrets/pc.pem',
        PARTNER_CENTER_CERTIFICATE_THUMBPRINT: 'AB12',
      },
      (file) => `key from ${file}`,
    );
    expect(config.partnerCenter.msal?.authorityHost).toBe('https://login.microsoftonline.us');
    expect(config.partnerCenter.msal?.certificate).toEqual({
      privateKeyPem: 'key from /secrets/pc.pem',
      thumbprintSha256: 'AB12',
    });
  });

  it.each([
    ['PARTNER_CENTER_TENANT_ID', /PARTNER_CENTER_TENANT_ID/],
    ['PARTNER_CENTER_CLIENT_ID', /PARTNER_CENTER_CLIENT_ID/],
    ['PARTNER_CENTER_CLIENT_SECRET', /exactly one Partner Center credential/],
    ['MicrosoftAppId', /MicrosoftAppId/],
    ['MicrosoftAppPassword', /MicrosoftAppPassword is missing/],
    ['MicrosoftAppTenantId', /MicrosoftAppTenantId is missing/],
    ['PUBLIC_BASE_URL', /PUBLIC_BASE_URL/],
    ['DOWNLOAD_LINK_SECRET', /DOWNLOAD_LINK_SECRET/],
    ['ALLOWED_TENANT_IDS', /MODE=live needs ALLOWED_TENANT_IDS/],
  ])('refuses a live configuration missing %s and names it', (missing, message) => {
    const env: NodeJS.ProcessEnv = { ...LIVE };
    delete env[missing];
    const problems = problemsOf(env);
    expect(problems.join(' ')).toMatch(message);
  });

  it('uses App+User simulator tokens locally and app-only against the real service unless told otherwise', () => {
    expect(loadConfig({}).partnerCenter.auth).toBe('app+user');
    expect(loadConfig({ PARTNER_CENTER_AUTH: 'app' }).partnerCenter.auth).toBe('app');
    expect(loadConfig(LIVE).partnerCenter.auth).toBe('app');
  });

  it('signs local download links with a fresh random secret and serves them from the bot itself', () => {
    const config = loadConfig({ PORT: '4321' }, undefined, () => 'random-secret');
    expect(config.downloads).toEqual({
      publicBaseUrl: 'http://127.0.0.1:4321',
      signingSecret: 'random-secret',
      ttlSeconds: 300,
      behindAppServiceAuth: false,
    });
  });

  it('trusts the caller header of live download links only when told App Service Authentication sets it', () => {
    expect(loadConfig(LIVE).downloads.behindAppServiceAuth).toBe(false);
    expect(loadConfig({ ...LIVE, DOWNLOADS_BEHIND_APP_SERVICE_AUTH: 'true' }).downloads.behindAppServiceAuth).toBe(
      true,
    );
    expect(problemsOf({ ...LIVE, DOWNLOADS_BEHIND_APP_SERVICE_AUTH: 'perhaps' }).join(' ')).toMatch(
      /DOWNLOADS_BEHIND_APP_SERVICE_AUTH/,
    );
  });

  it('refuses a live download base URL that is not https', () => {
    expect(problemsOf({ ...LIVE, PUBLIC_BASE_URL: 'http://bot.example' }).join(' ')).toMatch(/https/);
  });

  it('refuses a certificate without its thumbprint', () => {
    const { PARTNER_CENTER_CLIENT_SECRET: _omit, ...env } = LIVE;
    expect(problemsOf({ ...env, PARTNER_CENTER_CERTIFICATE_PATH: '/k.pem' }).join(' ')).toMatch(
      /PARTNER_CENTER_CERTIFICATE_THUMBPRINT/,
    );
  });

  it('refuses to expose an unauthenticated bot beyond loopback', () => {
    expect(problemsOf({ BOT_HOST: '0.0.0.0' }).join(' ')).toMatch(/BOT_HOST=0.0.0.0/);
    expect(problemsOf({ NODE_ENV: 'production' }).join(' ')).toMatch(/NODE_ENV=production needs MicrosoftAppId/);
    expect(problemsOf({ BOT_HOST: '127.0.0.5' })).toEqual([]);
  });

  it('refuses a half-configured app registration and names what is missing', () => {
    const appId = { MicrosoftAppId: '11111111-1111-1111-1111-111111111111', BOT_HOST: '127.0.0.1' };
    expect(problemsOf(appId).join(' ')).toMatch(/MicrosoftAppPassword is missing/);
    expect(problemsOf(appId).join(' ')).toMatch(/MicrosoftAppTenantId is missing/);
    expect(problemsOf({ ...appId, MicrosoftAppPassword: 'x' }).join(' ')).toMatch(/MicrosoftAppTenantId is missing/);
    expect(problemsOf({ MicrosoftAppPassword: 'x' }).join(' ')).toMatch(/MicrosoftAppId is missing/);
    expect(problemsOf({ MicrosoftAppTenantId: '22222222-2222-2222-2222-222222222222' }).join(' ')).toMatch(
      /MicrosoftAppId is missing/,
    );
  });

  it('refuses to expose the bot on an IPv6 or LAN address, or in live mode, without an app id', () => {
    expect(problemsOf({ BOT_HOST: '::' }).join(' ')).toMatch(/BOT_HOST=::/);
    expect(problemsOf({ BOT_HOST: '192.168.1.20' }).join(' ')).toMatch(/would expose an unauthenticated bot/);
    expect(problemsOf({ MODE: 'live' }).join(' ')).toMatch(/MODE=live needs MicrosoftAppId/);
  });

  it('reads ALLOWED_TENANT_IDS as lower-case GUIDs and allows every tenant locally when it is empty', () => {
    expect(loadConfig({}).security.allowedTenantIds).toEqual([]);
    expect(
      loadConfig({ ALLOWED_TENANT_IDS: ' 55555555-5555-5555-5555-55555555AAAA,66666666-6666-6666-6666-666666666666 ' })
        .security.allowedTenantIds,
    ).toEqual(['55555555-5555-5555-5555-55555555aaaa', '66666666-6666-6666-6666-666666666666']);
    expect(problemsOf({ ALLOWED_TENANT_IDS: 'contoso.onmicrosoft.com' }).join(' ')).toMatch(
      /ALLOWED_TENANT_IDS must be comma-separated tenant GUIDs/,
    );
  });

  it('refuses live Partner Center credentials in local mode', () => {
    expect(problemsOf({ PARTNER_CENTER_CLIENT_SECRET: 'x' }).join(' ')).toMatch(/set MODE=live/);
  });

  it('refuses to send simulator tokens to a non-loopback Partner Center in local mode', () => {
    expect(problemsOf({ PARTNER_CENTER_BASE_URL: 'https://api.partnercenter.microsoft.com' }).join(' ')).toMatch(
      /must be a loopback address/,
    );
  });

  it('refuses plain http to a remote Partner Center in live mode', () => {
    expect(problemsOf({ ...LIVE, PARTNER_CENTER_BASE_URL: 'http://pc.example.com' }).join(' ')).toMatch(/https/);
  });

  it('rejects malformed numbers and enums with the setting name', () => {
    expect(problemsOf({ PORT: 'abc' }).join(' ')).toMatch(/PORT/);
    expect(problemsOf({ MODE: 'staging' }).join(' ')).toMatch(/MODE/);
    expect(problemsOf({ PARTNER_CENTER_MAX_RETRIES: '9' }).join(' ')).toMatch(/PARTNER_CENTER_MAX_RETRIES/);
  });

  describe('App+User sign-in', () => {
    it('turns sign-in on in live App+User mode with an OAuth connection', () => {
      const config = loadConfig({ ...LIVE, PARTNER_CENTER_AUTH: 'app+user', OAUTH_CONNECTION_NAME: 'PartnerCenter' });
      expect(config.partnerCenter.auth).toBe('app+user');
      expect(config.signIn).toEqual({ connectionName: 'PartnerCenter' });
    });

    it('refuses live App+User mode without OAUTH_CONNECTION_NAME', () => {
      expect(problemsOf({ ...LIVE, PARTNER_CENTER_AUTH: 'app+user' }).join(' ')).toMatch(
        /PARTNER_CENTER_AUTH=app\+user needs OAUTH_CONNECTION_NAME/,
      );
    });

    it('refuses an OAuth connection without App+User, and in local mode', () => {
      expect(problemsOf({ ...LIVE, OAUTH_CONNECTION_NAME: 'PartnerCenter' }).join(' ')).toMatch(
        /OAUTH_CONNECTION_NAME is set but PARTNER_CENTER_AUTH is not app\+user/,
      );
      expect(problemsOf({ OAUTH_CONNECTION_NAME: 'PartnerCenter' }).join(' ')).toMatch(
        /OAUTH_CONNECTION_NAME needs MODE=live/,
      );
    });

    it('never asks anyone to sign in in App-only or local mode', () => {
      expect(loadConfig(LIVE).signIn).toBeUndefined();
      expect(loadConfig({}).signIn).toBeUndefined();
    });
  });

  describe('roles by Entra group', () => {
    const GROUP = '77777777-7777-7777-7777-777777777777';

    it('accepts purchaser groups instead of purchaser ids in live mode, with the Graph of the cloud', () => {
      const { PURCHASER_IDS: _omit, ...withoutIds } = LIVE;
      const roles = loadConfig({ ...withoutIds, PURCHASER_GROUP_IDS: GROUP.toUpperCase() }).roles;
      expect(roles.groups).toEqual({
        purchaserGroupIds: [GROUP],
        viewerGroupIds: [],
        graphBaseUrl: 'https://graph.microsoft.com',
        cacheSeconds: 300,
      });
      const gov = loadConfig({ ...LIVE, VIEWER_GROUP_IDS: GROUP, CLOUD: 'usgov' }).roles;
      expect(gov.groups?.graphBaseUrl).toBe('https://graph.microsoft.us');
    });

    it('refuses group ids that are not GUIDs, and groups in local mode', () => {
      expect(problemsOf({ ...LIVE, VIEWER_GROUP_IDS: 'finance-team' }).join(' ')).toMatch(
        /VIEWER_GROUP_IDS has 1 value\(s\) that are not Entra ids/,
      );
      expect(problemsOf({ PURCHASER_GROUP_IDS: GROUP }).join(' ')).toMatch(/need MODE=live/);
    });

    it('has no group lookup when no group is configured', () => {
      expect(loadConfig(LIVE).roles.groups).toBeUndefined();
    });
  });

  describe('state storage', () => {
    const BLOB_SECRET = 'DefaultEndpointsProtocol=https;AccountName=contosobot;AccountKey=c2VjcmV0LWtleQ==;';

    it('keeps state in SQLite under DATA_DIR unless told otherwise', () => {
      expect(loadConfig({}).storage).toEqual({ kind: 'sqlite', directory: expect.stringMatching(/\.data$/) });
    });

    it('keeps state in the botstate blob container with STATE_STORE=blob and a connection string', () => {
      const config = loadConfig({ ...LIVE, STATE_STORE: 'blob', AZURE_STORAGE_CONNECTION_STRING: BLOB_SECRET });
      expect(config.storage).toEqual({ kind: 'blob', connectionString: BLOB_SECRET, container: 'botstate' });
      expect(
        loadConfig({
          STATE_STORE: 'blob',
          AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
          AZURE_STORAGE_CONTAINER: 'bot-state-2',
        }).storage,
      ).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'bot-state-2' });
    });

    it('refuses STATE_STORE=blob without AZURE_STORAGE_CONNECTION_STRING and names it', () => {
      expect(problemsOf({ STATE_STORE: 'blob' }).join(' ')).toMatch(
        /STATE_STORE=blob needs AZURE_STORAGE_CONNECTION_STRING/,
      );
    });

    it.each(['Bot_State', 'ab', '-botstate', 'bot--state', 'a'.repeat(64)])(
      'refuses the container name %s',
      (container) => {
        const problems = problemsOf({
          STATE_STORE: 'blob',
          AZURE_STORAGE_CONNECTION_STRING: BLOB_SECRET,
          AZURE_STORAGE_CONTAINER: container,
        });
        expect(problems.join(' ')).toMatch(/AZURE_STORAGE_CONTAINER is not a valid container name/);
      },
    );

    it('refuses the local storage emulator in live mode', () => {
      const problems = problemsOf({
        ...LIVE,
        STATE_STORE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      });
      expect(problems.join(' ')).toMatch(/local storage emulator/);
    });

    it('refuses a connection string that would be ignored because STATE_STORE is sqlite', () => {
      expect(problemsOf({ AZURE_STORAGE_CONNECTION_STRING: BLOB_SECRET }).join(' ')).toMatch(/set STATE_STORE=blob/);
    });

    it('never quotes the connection string, even when it lands in the container setting', () => {
      const problems = [
        ...problemsOf({ AZURE_STORAGE_CONNECTION_STRING: BLOB_SECRET }),
        ...problemsOf({ STATE_STORE: 'blob', AZURE_STORAGE_CONTAINER: BLOB_SECRET }),
        ...problemsOf({
          ...LIVE,
          STATE_STORE: 'blob',
          AZURE_STORAGE_CONNECTION_STRING: `UseDevelopmentStorage=true;${BLOB_SECRET}`,
        }),
      ];
      expect(problems.length).toBeGreaterThanOrEqual(3);
      expect(problems.join(' ')).not.toContain('c2VjcmV0LWtleQ');
    });

    it('rejects an unknown STATE_STORE with the setting name', () => {
      expect(problemsOf({ STATE_STORE: 'cosmos' }).join(' ')).toMatch(/STATE_STORE/);
    });
  });

  it('never puts a secret value into its messages', () => {
    const problems = problemsOf({ ...LIVE, MicrosoftAppTenantId: '', PARTNER_CENTER_CERTIFICATE_PATH: '/k.pem' });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).not.toContain('bot-secret-value');
    expect(problems.join(' ')).not.toContain('pc-secret-value');
  });

  describe('roles', () => {
    it('lets everyone buy in local mode when neither PURCHASER_IDS nor VIEWER_IDS is set', () => {
      expect(loadConfig({}).roles).toEqual({ purchaserIds: [], viewerIds: [], everyoneIsPurchaser: true });
    });

    it('enforces the lists in local mode once one is set, reading ids case-insensitively', () => {
      const roles = loadConfig({ VIEWER_IDS: ' AAAAAAAA-0000-0000-0000-000000000001 ,, ' }).roles;
      expect(roles).toEqual({
        purchaserIds: [],
        viewerIds: ['aaaaaaaa-0000-0000-0000-000000000001'],
        everyoneIsPurchaser: false,
      });
    });

    it('refuses live mode without a purchaser and names PURCHASER_IDS', () => {
      const { PURCHASER_IDS: _omit, ...withoutPurchasers } = LIVE;
      expect(problemsOf(withoutPurchasers).join(' ')).toMatch(/PURCHASER_IDS/);
      expect(problemsOf({ ...withoutPurchasers, VIEWER_IDS: LIVE.PURCHASER_IDS }).join(' ')).toMatch(/PURCHASER_IDS/);
    });

    it('never lets everyone buy in live mode', () => {
      expect(loadConfig(LIVE).roles).toMatchObject({ purchaserIds: [LIVE.PURCHASER_IDS], everyoneIsPurchaser: false });
    });

    it('refuses ids that are not Entra object ids and names the setting', () => {
      expect(problemsOf({ VIEWER_IDS: 'alex@contoso.com' }).join(' ')).toMatch(/VIEWER_IDS/);
    });
  });
});
