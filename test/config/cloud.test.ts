import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AppCredentials,
  AuthenticationConstants,
  ClaimsIdentity,
  GovernmentConstants,
  PasswordServiceClientCredentialFactory,
} from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
import { buildAppPackage } from '../../appPackage/packageApp';
import { CLOUD_ENDPOINTS, type CloudName } from '../../bot/cloudEndpoints';
import { ConfigError, loadConfig } from '../../bot/config';
import type { Logger } from '../../bot/logger';
import { FailClosedAuthentication } from '../../bot/security/FailClosedAuthentication';
import { serviceUrlAllowed } from '../../bot/security/serviceUrlAllowed';
import { botAuthenticationOptions } from '../../bot/server';

const APP_ID = '11111111-1111-1111-1111-111111111111';
const APP_TENANT = '22222222-2222-2222-2222-222222222222';
const LIVE = {
  MODE: 'live',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'bot-secret-value',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: APP_TENANT,
  PARTNER_CENTER_TENANT_ID: '33333333-3333-3333-3333-333333333333',
  PARTNER_CENTER_CLIENT_ID: '44444444-4444-4444-4444-444444444444',
  PARTNER_CENTER_CLIENT_SECRET: 'pc-secret-value',
  PUBLIC_BASE_URL: 'https://bot.contoso-partner.example',
  DOWNLOAD_LINK_SECRET: 'a-signing-secret-of-at-least-32-characters',
  ALLOWED_TENANT_IDS: '66666666-6666-6666-6666-666666666666',
  PURCHASER_IDS: '55555555-5555-5555-5555-555555555555',
  PURCHASER_GROUP_IDS: '77777777-7777-7777-7777-777777777777',
};
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** What each endpoint must become, written out in full (the references are in README "Clouds"). */
const EXPECTED: Record<
  CloudName,
  {
    authority: string;
    graph: string;
    botFramework: Record<string, string | boolean>;
    replyTokenEndpoint: string;
    signInHost: string;
    teamsServiceUrl: string;
  }
> = {
  public: {
    authority: 'https://login.microsoftonline.com',
    graph: 'https://graph.microsoft.com',
    botFramework: {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl:
        'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    },
    replyTokenEndpoint: `https://login.microsoftonline.com/${APP_TENANT}`,
    signInHost: 'token.botframework.com',
    teamsServiceUrl: 'https://smba.trafficmanager.net/amer/',
  },
  usgov: {
    authority: 'https://login.microsoftonline.us',
    graph: 'https://graph.microsoft.us',
    botFramework: {
      ChannelService: 'https://botframework.azure.us',
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
      ToChannelFromBotOAuthScope: 'https://api.botframework.us',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.us',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl:
        'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration',
      OAuthUrl: 'https://tokengcch.botframework.azure.us',
      CallerId: 'urn:botframework:azureusgov',
    },
    replyTokenEndpoint: `https://login.microsoftonline.us/${APP_TENANT}`,
    signInHost: 'tokengcch.botframework.azure.us',
    teamsServiceUrl: 'https://smba.infra.gov.teams.microsoft.us/teams',
  },
  'usgov-dod': {
    authority: 'https://login.microsoftonline.us',
    graph: 'https://dod-graph.microsoft.us',
    botFramework: {
      ChannelService: 'https://botframework.azure.us',
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
      ToChannelFromBotOAuthScope: 'https://api.botframework.us',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.us',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl:
        'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration',
      OAuthUrl: 'https://apidod.botframework.azure.us',
      CallerId: 'urn:botframework:azureusgov',
    },
    replyTokenEndpoint: `https://login.microsoftonline.us/${APP_TENANT}`,
    signInHost: 'apidod.botframework.azure.us',
    teamsServiceUrl: 'https://smba.infra.dod.teams.microsoft.us/teams',
  },
};
const CLOUDS = Object.keys(EXPECTED) as CloudName[];

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/**
 * The SDK's own credentials factory, watched: which login endpoint and audience the bot's reply tokens are asked for,
 * which credentials the SDK makes of them, and where a request signed with them would go (stopped before it leaves).
 */
class WatchedCredentials extends PasswordServiceClientCredentialFactory {
  readonly created: { audience: string; loginEndpoint: string; tokenEndpoint: string; scope: string }[] = [];
  readonly signedUrls: string[] = [];

  override async createCredentials(
    appId: string,
    audience: string,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<AppCredentials> {
    const credentials = await super.createCredentials(appId, audience, loginEndpoint, validateAuthority);
    if (!(credentials instanceof AppCredentials)) throw new Error('the SDK made no app credentials');
    this.created.push({
      audience,
      loginEndpoint,
      tokenEndpoint: credentials.oAuthEndpoint,
      scope: credentials.oAuthScope,
    });
    credentials.signRequest = async (request) => {
      this.signedUrls.push(request.url);
      throw new Error('stopped before leaving the machine');
    };
    return credentials;
  }
}

describe.each(CLOUDS)('CLOUD=%s', (cloud) => {
  const expected = EXPECTED[cloud];
  const config = loadConfig({ ...LIVE, CLOUD: cloud });

  it('asks Partner Center and Graph tokens of its Entra authority, and calls its Partner Center and Graph', () => {
    expect(config.cloud.name).toBe(cloud);
    expect(config.partnerCenter.msal?.authorityHost).toBe(expected.authority);
    // Partner Center for Microsoft Cloud for US Government has the same REST host as the public one.
    expect(config.partnerCenter.baseUrl).toBe('https://api.partnercenter.microsoft.com');
    expect(config.roles.groups?.graphBaseUrl).toBe(expected.graph);
  });

  it('validates inbound activities and sends replies and sign-ins with its Bot Framework endpoints', () => {
    expect(botAuthenticationOptions(config)).toEqual({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'bot-secret-value',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: APP_TENANT,
      ...expected.botFramework,
    });
  });

  it('gets reply tokens from its login host for its Bot Framework audience, and reads sign-ins from its token service', async () => {
    const watched = new WatchedCredentials(APP_ID, 'bot-secret-value', APP_TENANT);
    const authentication = new FailClosedAuthentication(botAuthenticationOptions(config), silent, watched);
    const bot = new ClaimsIdentity(
      [
        { type: AuthenticationConstants.AudienceClaim, value: APP_ID },
        { type: AuthenticationConstants.AppIdClaim, value: APP_ID },
      ],
      true,
    );

    await authentication.createConnectorFactory(bot).create(expected.teamsServiceUrl);
    const tokens = await authentication.createUserTokenClient(bot);
    await expect(tokens.getUserToken('29:person', 'partner-center', 'msteams', '')).rejects.toThrow(/stopped/);

    for (const created of watched.created) {
      expect(created.loginEndpoint).toBe(expected.botFramework.ToChannelFromBotLoginUrl);
      expect(created.tokenEndpoint).toBe(expected.replyTokenEndpoint);
      expect(created.scope).toBe(expected.botFramework.ToChannelFromBotOAuthScope);
    }
    expect(watched.created).toHaveLength(2);
    expect(new URL(watched.signedUrls[0]).origin).toBe(expected.botFramework.OAuthUrl);
  });

  it('sends proactive messages only to its own Teams connector hosts', () => {
    const hosts = config.security.allowedServiceUrlHosts;
    for (const other of CLOUDS) {
      expect(serviceUrlAllowed(EXPECTED[other].teamsServiceUrl, hosts)).toBe(other === cloud);
    }
  });

  it('lists its token service as a valid domain of the app package, for the sign-in card', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cloud-package-'));
    try {
      const { manifest } = await buildAppPackage({
        appId: APP_ID,
        outFile: path.join(dir, 'app.zip'),
        sso: { resource: `api://botid-${APP_ID}` },
        cloud,
      });
      expect(manifest.validDomains).toContain(expected.signInHost);
      for (const other of CLOUDS.filter((name) => name !== cloud)) {
        expect(manifest.validDomains).not.toContain(EXPECTED[other].signInHost);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the cloud setting', () => {
  it('is the public cloud when unset, and the Bot Framework SDK agrees with each value', () => {
    expect(loadConfig(LIVE).cloud.name).toBe('public');
    const pub = CLOUD_ENDPOINTS.public.botFramework;
    expect(pub).toMatchObject({
      toChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      toChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      toBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      toBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      toBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      oAuthUrl: AuthenticationConstants.OAuthUrl,
      callerId: CallerIdConstants.PublicAzureChannel,
    });
    // The SDK's government token service is Azure Government's; Teams GCC High and DoD have their own (README).
    expect(CLOUD_ENDPOINTS.usgov.botFramework).toMatchObject({
      channelService: GovernmentConstants.ChannelService,
      toChannelFromBotLoginUrl: GovernmentConstants.ToChannelFromBotLoginUrl,
      toChannelFromBotOAuthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
      toBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
      toBotFromChannelOpenIdMetadataUrl: GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
      toBotFromEmulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      callerId: CallerIdConstants.USGovChannel,
    });
  });

  it('refuses to start half-configured: the government authority without CLOUD, naming what to set instead', () => {
    const problems = problemsOf({ ...LIVE, PARTNER_CENTER_AUTHORITY_HOST: 'https://login.microsoftonline.us' });
    expect(problems).toEqual([
      expect.stringMatching(
        /^PARTNER_CENTER_AUTHORITY_HOST=https:\/\/login\.microsoftonline\.us alone moves only the Partner Center token authority; set CLOUD=usgov .*remove PARTNER_CENTER_AUTHORITY_HOST\.$/,
      ),
    ]);
  });

  it.each([
    ['usgov', 'https://login.microsoftonline.com'],
    ['usgov-dod', 'https://login.microsoftonline.com'],
    ['public', 'https://login.microsoftonline.us'],
  ])('refuses CLOUD=%s with the contradicting PARTNER_CENTER_AUTHORITY_HOST=%s', (cloud, authority) => {
    expect(problemsOf({ ...LIVE, CLOUD: cloud, PARTNER_CENTER_AUTHORITY_HOST: authority })).toEqual([
      expect.stringContaining(`PARTNER_CENTER_AUTHORITY_HOST=${authority} contradicts CLOUD=${cloud}`),
    ]);
  });

  it('still accepts a PARTNER_CENTER_AUTHORITY_HOST that agrees with the cloud', () => {
    expect(problemsOf({ ...LIVE, PARTNER_CENTER_AUTHORITY_HOST: 'https://login.microsoftonline.com/' })).toEqual([]);
    expect(
      loadConfig({ ...LIVE, CLOUD: 'usgov', PARTNER_CENTER_AUTHORITY_HOST: 'https://login.microsoftonline.us' })
        .partnerCenter.msal?.authorityHost,
    ).toBe('https://login.microsoftonline.us');
  });

  it.each([
    ['usgov', 'smba.trafficmanager.net'],
    ['usgov', '*.botframework.com'],
    ['public', 'smba.infra.gov.teams.microsoft.us'],
    ['usgov-dod', 'smba.infra.gov.teams.microsoft.us'],
  ])('refuses CLOUD=%s with another cloud’s Teams host %s in ALLOWED_SERVICE_URL_HOSTS', (cloud, host) => {
    expect(problemsOf({ ...LIVE, CLOUD: cloud, ALLOWED_SERVICE_URL_HOSTS: host }).join(' ')).toMatch(
      new RegExp(`ALLOWED_SERVICE_URL_HOSTS lists Teams hosts of another cloud than CLOUD=${cloud}`),
    );
  });

  it('refuses a cloud it does not know, naming the setting', () => {
    expect(problemsOf({ ...LIVE, CLOUD: 'china' }).join(' ')).toMatch(/^CLOUD: /);
  });
});
