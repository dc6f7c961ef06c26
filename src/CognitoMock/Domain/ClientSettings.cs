namespace CognitoMock.Domain;

/// <summary>
/// The settings that CreateUserPoolClient and UpdateUserPoolClient take and DescribeUserPoolClient returns,
/// complete with AWS's defaults for what was left out (<see cref="AppClientDefaults"/>). Like
/// <see cref="PoolSettings"/>, the domain's own immutable record under the model's member names.
/// </summary>
public record ClientSettings
{
    /// <summary>These settings alone, without what a record derived from them adds (a seed's client).</summary>
    public ClientSettings AsSettings() => new(this);

    public int? RefreshTokenValidity { get; init; }

    public int? AccessTokenValidity { get; init; }

    public int? IdTokenValidity { get; init; }

    public TokenUnits? TokenValidityUnits { get; init; }

    public IReadOnlyList<string>? ReadAttributes { get; init; }

    public IReadOnlyList<string>? WriteAttributes { get; init; }

    public IReadOnlyList<string>? SupportedIdentityProviders { get; init; }

    public IReadOnlyList<string>? CallbackURLs { get; init; }

    public IReadOnlyList<string>? LogoutURLs { get; init; }

    public string? DefaultRedirectURI { get; init; }

    public IReadOnlyList<string>? AllowedOAuthFlows { get; init; }

    public IReadOnlyList<string>? AllowedOAuthScopes { get; init; }

    public bool? AllowedOAuthFlowsUserPoolClient { get; init; }

    public AnalyticsSettings? AnalyticsConfiguration { get; init; }

    public string? PreventUserExistenceErrors { get; init; }

    public bool? EnableTokenRevocation { get; init; }

    public bool? EnablePropagateAdditionalUserContextData { get; init; }

    public int? AuthSessionValidity { get; init; }

    public TokenRotation? RefreshTokenRotation { get; init; }
}

public sealed record TokenUnits
{
    public string? AccessToken { get; init; }

    public string? IdToken { get; init; }

    public string? RefreshToken { get; init; }
}

public sealed record AnalyticsSettings
{
    public string? ApplicationId { get; init; }

    public string? ApplicationArn { get; init; }

    public string? RoleArn { get; init; }

    public string? ExternalId { get; init; }

    public bool? UserDataShared { get; init; }
}

public sealed record TokenRotation
{
    public string Feature { get; init; } = "";

    public int? RetryGracePeriodSeconds { get; init; }
}
