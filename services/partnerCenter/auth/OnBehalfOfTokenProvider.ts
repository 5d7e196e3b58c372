import { ConfidentialClientApplication, InteractionRequiredAuthError, type Configuration } from '@azure/msal-node';
import type { PartnerCenterCallContext } from '../PartnerCenterCallContext';
import { msalConfiguration, type MsalAppRegistration } from './msalConfiguration';
import { msalErrorCode } from './msalErrorCode';
import type { PartnerCenterTokenProvider } from './PartnerCenterTokenProvider';
import { SignInRequiredError } from './SignInRequiredError';
import type { UserAssertionSource } from './UserAssertionSource';

/** The delegated Partner Center permission an App+User token carries; Partner Center then applies the person's roles. */
export const PARTNER_CENTER_USER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';

/**
 * The delegated permission of the partner API host (`api.partner.microsoft.com`, the price sheet): its tokens have
 * their own audience. The docs send readers to "Partner API authentication" without naming the scope; this is the one
 * Microsoft's own partner tooling asks for (BcContainerHelper, the PartnerCenter PowerShell module's
 * `New-PartnerAccessToken -Scopes`), taken here as an inference.
 */
export const PARTNER_API_USER_SCOPE = 'https://api.partner.microsoft.com/user_impersonation';

/** The slice of MSAL's ConfidentialClientApplication this provider uses (so tests can pass a fake). */
export interface OnBehalfOfTokenSource {
  acquireTokenOnBehalfOf(request: { oboAssertion: string; scopes: string[] }): Promise<{ accessToken: string } | null>;
}

/** The bot's app registration and credential; the same ones as for app-only tokens. */
export type OnBehalfOfTokenProviderOptions = MsalAppRegistration;

/**
 * Codes with which Microsoft Entra ID says the person must come back (sign in again, or consent to Partner Center):
 * an expired or revoked assertion is `invalid_grant`.
 */
const SIGN_IN_AGAIN_CODES = new Set(['invalid_grant', 'interaction_required', 'consent_required']);

/**
 * App+User Partner Center tokens: the signed-in person's own token, from the {@link UserAssertionSource}, exchanged
 * with MSAL's on-behalf-of flow. One ConfidentialClientApplication serves every person, because MSAL caches OBO
 * tokens by assertion and refreshes them without a new exchange per call. A person who is not signed in, or whom
 * Entra ID wants back, gets a {@link SignInRequiredError}.
 */
export class OnBehalfOfTokenProvider implements PartnerCenterTokenProvider {
  readonly isLocal = false;
  private readonly client: OnBehalfOfTokenSource;

  constructor(
    options: OnBehalfOfTokenProviderOptions,
    private readonly assertions: UserAssertionSource,
    createClient: (config: Configuration) => OnBehalfOfTokenSource = (config) =>
      new ConfidentialClientApplication(config),
    /** The delegated scope asked for: Partner Center's by default, {@link PARTNER_API_USER_SCOPE} for the price sheet. */
    private readonly scope: string = PARTNER_CENTER_USER_SCOPE,
  ) {
    this.client = createClient(msalConfiguration(options));
  }

  async getToken(ctx: PartnerCenterCallContext): Promise<string> {
    if (!ctx.user) {
      // Every App+User call acts for someone; a call without a person is a bug in the caller, not a sign-in problem.
      throw new Error('App+User Partner Center calls need the person acting (PartnerCenterCallContext.user)');
    }
    let assertion: string | undefined;
    try {
      assertion = await this.assertions.assertionFor(ctx.user);
    } catch (error) {
      // The sign-in service's own message stays in `cause` (for the log): it is not known to be free of tokens.
      throw new Error("The person's sign-in could not be read", { cause: error });
    }
    if (!assertion) throw new SignInRequiredError('not-signed-in');

    let result: { accessToken: string } | null;
    try {
      result = await this.client.acquireTokenOnBehalfOf({
        oboAssertion: assertion,
        scopes: [this.scope],
      });
    } catch (error) {
      const errorCode = msalErrorCode(error);
      if (error instanceof InteractionRequiredAuthError || (errorCode && SIGN_IN_AGAIN_CODES.has(errorCode))) {
        throw new SignInRequiredError('consent-required', errorCode);
      }
      // MSAL's own message is not passed on: it may quote the request, and the assertion is a bearer token.
      throw new Error(`Microsoft Entra ID refused a Partner Center user token${errorCode ? ` (${errorCode})` : ''}`);
    }
    if (!result?.accessToken) throw new Error('Microsoft Entra ID returned no Partner Center user token');
    return result.accessToken;
  }
}
