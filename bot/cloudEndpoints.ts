/** The Microsoft clouds this bot can run in (the `CLOUD` setting). */
export const CLOUD_NAMES = ['public', 'usgov', 'usgov-dod'] as const;

/** `public`: commercial (and Teams GCC); `usgov`: US Government with Teams GCC High; `usgov-dod`: Teams DoD. */
export type CloudName = (typeof CLOUD_NAMES)[number];

/**
 * What the Bot Framework authentication validates inbound tokens with and sends replies and sign-ins with: the
 * `ConfigurationBotFrameworkAuthentication` options of the same names.
 */
export interface BotFrameworkEndpoints {
  /** `ChannelService`: absent in the public cloud, `https://botframework.azure.us` in Azure Government. */
  channelService?: string;
  /** Where the bot gets its token for replies (only the host and tenant matter to the SDK). */
  toChannelFromBotLoginUrl: string;
  /** The audience of the bot's token for replies. */
  toChannelFromBotOAuthScope: string;
  /** The `iss` of channel tokens. */
  toBotFromChannelTokenIssuer: string;
  /** The OpenID document listing the keys channel tokens are signed with. */
  toBotFromChannelOpenIdMetadataUrl: string;
  /** The same for the Bot Framework Emulator. */
  toBotFromEmulatorOpenIdMetadataUrl: string;
  /** The Bot Framework token service that keeps people's sign-ins (the OAuth connection). */
  oAuthUrl: string;
  /** What the SDK stamps on inbound activities as `callerId`. */
  callerId: string;
}

/** Every endpoint that differs between clouds. */
export interface CloudEndpoints {
  /** Microsoft Entra authority host: Partner Center, on-behalf-of and Graph tokens are asked for here. */
  entraAuthorityHost: string;
  /** The Partner Center REST API (the same host for the US Government cloud). */
  partnerCenterBaseUrl: string;
  /**
   * The partner API host that serves the price sheet — "Pricing and Referrals APIs (global & US Gov):
   * https://api.partner.microsoft.com" (Partner Center REST URLs; CONTRACT §2.1). The docs name no other host for DoD;
   * it is taken to be the same, like the Partner Center REST API.
   */
  partnerApiBaseUrl: string;
  /** Microsoft Graph root, for group roles (`checkMemberGroups`). */
  graphBaseUrl: string;
  botFramework: BotFrameworkEndpoints;
  /**
   * Host of the token service's sign-in pages: the app package lists it in `validDomains` so the sign-in card opens,
   * and `https://<host>/.auth/web/redirect` is the redirect URI of the app registration.
   */
  signInHost: string;
  /** Hosts (`host` or `*.suffix`) of Teams' Bot Connector service in this cloud: where proactive messages may go. */
  teamsServiceUrlHosts: readonly string[];
}

// Every value below is cited in README "Clouds: CLOUD=public|usgov|usgov-dod". The US Government values are those of
// Microsoft's "Configure Bot Framework bots for US Government customers" (GCC High) and of botframework-connector's
// GovernmentConstants; the one exception is the token service, where that article (not the SDK's ChannelService
// shortcut, which would use https://api.botframework.azure.us) names tokengcch for Teams GCC High.
const US_GOVERNMENT_BOT_FRAMEWORK: Omit<BotFrameworkEndpoints, 'oAuthUrl'> = {
  channelService: 'https://botframework.azure.us',
  toChannelFromBotLoginUrl: 'https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us',
  toChannelFromBotOAuthScope: 'https://api.botframework.us',
  toBotFromChannelTokenIssuer: 'https://api.botframework.us',
  toBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
  toBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration',
  callerId: 'urn:botframework:azureusgov',
};

/** The endpoints of each cloud. */
export const CLOUD_ENDPOINTS: Readonly<Record<CloudName, CloudEndpoints>> = {
  public: {
    entraAuthorityHost: 'https://login.microsoftonline.com',
    partnerCenterBaseUrl: 'https://api.partnercenter.microsoft.com',
    partnerApiBaseUrl: 'https://api.partner.microsoft.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    botFramework: {
      toChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      toChannelFromBotOAuthScope: 'https://api.botframework.com',
      toBotFromChannelTokenIssuer: 'https://api.botframework.com',
      toBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      toBotFromEmulatorOpenIdMetadataUrl:
        'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
      oAuthUrl: 'https://api.botframework.com',
      callerId: 'urn:botframework:azure',
    },
    signInHost: 'token.botframework.com',
    // Teams GCC (moderate) runs on the public Bot Framework, so its connector host belongs here.
    teamsServiceUrlHosts: [
      'smba.trafficmanager.net',
      '*.smba.trafficmanager.net',
      '*.botframework.com',
      'smba.infra.gcc.teams.microsoft.com',
    ],
  },
  usgov: {
    entraAuthorityHost: 'https://login.microsoftonline.us',
    partnerCenterBaseUrl: 'https://api.partnercenter.microsoft.com',
    partnerApiBaseUrl: 'https://api.partner.microsoft.com',
    graphBaseUrl: 'https://graph.microsoft.us',
    botFramework: { ...US_GOVERNMENT_BOT_FRAMEWORK, oAuthUrl: 'https://tokengcch.botframework.azure.us' },
    signInHost: 'tokengcch.botframework.azure.us',
    teamsServiceUrlHosts: ['smba.infra.gov.teams.microsoft.us'],
  },
  'usgov-dod': {
    entraAuthorityHost: 'https://login.microsoftonline.us',
    partnerCenterBaseUrl: 'https://api.partnercenter.microsoft.com',
    partnerApiBaseUrl: 'https://api.partner.microsoft.com',
    graphBaseUrl: 'https://dod-graph.microsoft.us',
    botFramework: { ...US_GOVERNMENT_BOT_FRAMEWORK, oAuthUrl: 'https://apidod.botframework.azure.us' },
    signInHost: 'apidod.botframework.azure.us',
    teamsServiceUrlHosts: ['smba.infra.dod.teams.microsoft.us'],
  },
};

/**
 * Configured service URL hosts that belong to another cloud's Teams (a copy-paste from the public defaults into a
 * government bot, say): sending there would hand the bot's token to a service that cannot deliver the message.
 */
export function serviceUrlHostsOfOtherClouds(cloud: CloudName, configured: readonly string[]): string[] {
  const own = new Set(CLOUD_ENDPOINTS[cloud].teamsServiceUrlHosts);
  const foreign = CLOUD_NAMES.filter((name) => name !== cloud)
    .flatMap((name) => CLOUD_ENDPOINTS[name].teamsServiceUrlHosts)
    .filter((host) => !own.has(host));
  return configured.filter((entry) =>
    foreign.some((host) => host === entry || (host.startsWith('*.') && entry.endsWith(host.slice(1)))),
  );
}
