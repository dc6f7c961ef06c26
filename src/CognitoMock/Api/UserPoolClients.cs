namespace CognitoMock.Api;

/// <summary>
/// The app client settings that CreateUserPoolClient and UpdateUserPoolClient both take and
/// DescribeUserPoolClient returns, under the same member names in all three shapes (and in a seed's client).
/// A client keeps them in this form, with AWS's defaults for what was left out
/// (<see cref="Domain.AppClientDefaults"/>).
/// </summary>
public class UserPoolClientSettings
{
    public int? RefreshTokenValidity { get; set; }

    public int? AccessTokenValidity { get; set; }

    public int? IdTokenValidity { get; set; }

    public TokenValidityUnitsType? TokenValidityUnits { get; set; }

    public List<string>? ReadAttributes { get; set; }

    public List<string>? WriteAttributes { get; set; }

    public List<string>? SupportedIdentityProviders { get; set; }

    public List<string>? CallbackURLs { get; set; }

    public List<string>? LogoutURLs { get; set; }

    public string? DefaultRedirectURI { get; set; }

    public List<string>? AllowedOAuthFlows { get; set; }

    public List<string>? AllowedOAuthScopes { get; set; }

    public bool? AllowedOAuthFlowsUserPoolClient { get; set; }

    public AnalyticsConfigurationType? AnalyticsConfiguration { get; set; }

    public string? PreventUserExistenceErrors { get; set; }

    public bool? EnableTokenRevocation { get; set; }

    public bool? EnablePropagateAdditionalUserContextData { get; set; }

    public int? AuthSessionValidity { get; set; }

    public RefreshTokenRotationType? RefreshTokenRotation { get; set; }

    /// <summary>Takes every setting of <paramref name="source"/>, as it is.</summary>
    public void CopySettingsFrom(UserPoolClientSettings source)
    {
        ArgumentNullException.ThrowIfNull(source);
        RefreshTokenValidity = source.RefreshTokenValidity;
        AccessTokenValidity = source.AccessTokenValidity;
        IdTokenValidity = source.IdTokenValidity;
        TokenValidityUnits = source.TokenValidityUnits;
        ReadAttributes = source.ReadAttributes;
        WriteAttributes = source.WriteAttributes;
        SupportedIdentityProviders = source.SupportedIdentityProviders;
        CallbackURLs = source.CallbackURLs;
        LogoutURLs = source.LogoutURLs;
        DefaultRedirectURI = source.DefaultRedirectURI;
        AllowedOAuthFlows = source.AllowedOAuthFlows;
        AllowedOAuthScopes = source.AllowedOAuthScopes;
        AllowedOAuthFlowsUserPoolClient = source.AllowedOAuthFlowsUserPoolClient;
        AnalyticsConfiguration = source.AnalyticsConfiguration;
        PreventUserExistenceErrors = source.PreventUserExistenceErrors;
        EnableTokenRevocation = source.EnableTokenRevocation;
        EnablePropagateAdditionalUserContextData = source.EnablePropagateAdditionalUserContextData;
        AuthSessionValidity = source.AuthSessionValidity;
        RefreshTokenRotation = source.RefreshTokenRotation;
    }
}

public sealed class TokenValidityUnitsType
{
    public string? AccessToken { get; set; }

    public string? IdToken { get; set; }

    public string? RefreshToken { get; set; }
}

public sealed class AnalyticsConfigurationType
{
    public string? ApplicationId { get; set; }

    public string? ApplicationArn { get; set; }

    public string? RoleArn { get; set; }

    public string? ExternalId { get; set; }

    public bool? UserDataShared { get; set; }
}

public sealed class RefreshTokenRotationType
{
    public string Feature { get; set; } = "";

    public int? RetryGracePeriodSeconds { get; set; }
}

public sealed class CreateUserPoolClientRequest : UserPoolClientSettings
{
    public string UserPoolId { get; set; } = "";

    public string ClientName { get; set; } = "";

    public bool? GenerateSecret { get; set; }

    public string? ClientSecret { get; set; }

    public List<string>? ExplicitAuthFlows { get; set; }
}

public sealed class CreateUserPoolClientResponse
{
    public UserPoolClientType? UserPoolClient { get; set; }
}

public sealed class DescribeUserPoolClientRequest
{
    public string UserPoolId { get; set; } = "";

    public string ClientId { get; set; } = "";
}

public sealed class DescribeUserPoolClientResponse
{
    public UserPoolClientType? UserPoolClient { get; set; }
}

public sealed class UpdateUserPoolClientRequest : UserPoolClientSettings
{
    public string UserPoolId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? ClientName { get; set; }

    public List<string>? ExplicitAuthFlows { get; set; }
}

public sealed class UpdateUserPoolClientResponse
{
    public UserPoolClientType? UserPoolClient { get; set; }
}

public sealed class DeleteUserPoolClientRequest
{
    public string UserPoolId { get; set; } = "";

    public string ClientId { get; set; } = "";
}

public sealed class DeleteUserPoolClientResponse;

public sealed class ListUserPoolClientsRequest
{
    public string UserPoolId { get; set; } = "";

    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

public sealed class ListUserPoolClientsResponse
{
    public List<UserPoolClientDescription> UserPoolClients { get; set; } = [];

    public string? NextToken { get; set; }
}

public sealed class UserPoolClientType : UserPoolClientSettings
{
    public string? UserPoolId { get; set; }

    public string? ClientName { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public DateTime? LastModifiedDate { get; set; }

    public DateTime? CreationDate { get; set; }

    public List<string>? ExplicitAuthFlows { get; set; }
}

public sealed class UserPoolClientDescription
{
    public string? ClientId { get; set; }

    public string? UserPoolId { get; set; }

    public string? ClientName { get; set; }
}
