import { MicrosoftAppCredentials, PasswordServiceClientCredentialFactory } from 'botframework-connector';

/**
 * The app's own audience check, but replies (and token service calls) go out without an Entra token: the loopback
 * test channel needs none, and a test must not reach login.microsoftonline.com.
 */
export class NoOutboundTokenCredentials extends PasswordServiceClientCredentialFactory {
  override async createCredentials(): Promise<MicrosoftAppCredentials> {
    return MicrosoftAppCredentials.Empty;
  }
}
