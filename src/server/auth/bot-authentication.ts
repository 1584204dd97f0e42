import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  MsalServiceClientCredentialsFactory,
  PasswordServiceClientCredentialFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { BotConfig } from '../../config/config';

/**
 * The credentials of the bot's own calls to the Bot Connector: a client-credential token from
 * Entra for the bot app in the city's tenant, by MSAL. Without a bot app id: none (anonymous).
 * @param networkClient MSAL's HTTP transport; tests pass one that reaches a local emulator.
 */
function credentialsFactory(
  bot: BotConfig,
  networkClient?: INetworkModule,
): ServiceClientCredentialsFactory {
  if (!bot.appId || !bot.password || !bot.tenantId) {
    return new PasswordServiceClientCredentialFactory('', '');
  }
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: bot.appId,
      clientSecret: bot.password,
      authority: `${bot.authorityHost}/${bot.tenantId}`,
      knownAuthorities: [new URL(bot.authorityHost).host],
    },
    ...(networkClient ? { system: { networkClient } } : {}),
  });
  // botframework-connector types its own (older) msal-node; it calls only
  // `acquireTokenByClientCredential`, which this version has with the same shape.
  return new MsalServiceClientCredentialsFactory(
    bot.appId,
    msal as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1],
  );
}

/**
 * Bot Framework authentication as `ConfigurationBotFrameworkAuthentication` does it for the public
 * cloud (issuer `https://api.botframework.com`, audience the bot app id, keys from the channel's
 * OpenID metadata and endorsed for the channel, the `serviceurl` claim matching the activity),
 * with two differences:
 * - the OpenID metadata address is configurable (`BOT_OPENID_METADATA_URL`, for sovereign clouds
 *   and tests), and the bot's own tokens come from `BOT_AUTHORITY_HOST`;
 * - any failure to validate a token is a 401. The SDK lets a bad signature or an unsigned token
 *   escape as a plain error, which its adapter answers with 500.
 */
export class ChannelAuthentication extends BotFrameworkAuthentication {
  private readonly inner: BotFrameworkAuthentication;

  constructor(bot: BotConfig, networkClient?: INetworkModule) {
    super();
    this.inner = new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: bot.appId,
        MicrosoftAppTenantId: bot.tenantId,
        // Every "parameterised" setting is given, so none falls back to a half-default.
        ToChannelFromBotLoginUrl: `${bot.authorityHost}/${bot.tenantId ?? AuthenticationConstants.DefaultChannelAuthTenant}`,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        ToBotFromChannelOpenIdMetadataUrl:
          bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl:
          AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
        ValidateAuthority: true,
      },
      credentialsFactory(bot, networkClient),
    );
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw unauthorized(error);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw unauthorized(error);
    }
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await this.inner.authenticateChannelRequest(authHeader);
    } catch (error) {
      throw unauthorized(error);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }
}

/** Any failure to authenticate, as the SDK's `AuthenticationError` the adapter answers 401 to. */
function unauthorized(error: unknown): AuthenticationError {
  if (error instanceof AuthenticationError && error.statusCode === StatusCodes.UNAUTHORIZED) {
    return error;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new AuthenticationError(`Unauthorized. ${detail}`, StatusCodes.UNAUTHORIZED);
}
