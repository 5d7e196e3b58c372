import type { ServiceClientCredentialsFactory } from 'botframework-connector';

/**
 * Where the adapter looks for the channel's token signing keys and which issuer it expects, instead of the Bot
 * Framework's public endpoints; and, optionally, the credentials replies are sent with. Code, not configuration:
 * tests point these at a local OpenID stub, production never sets them.
 */
export interface InboundAuthOverrides {
  /** OpenID metadata document whose `jwks_uri` lists the keys channel tokens are signed with. */
  toBotFromChannelOpenIdMetadataUrl: string;
  /** The `iss` every channel token must carry. */
  toBotFromChannelTokenIssuer: string;
  /** The Bot Framework token service that keeps people's sign-ins; the public one when absent. */
  oAuthUrl?: string;
  /** Credentials for outbound calls (replies); the app registration's own when absent. */
  credentialsFactory?: ServiceClientCredentialsFactory;
}
