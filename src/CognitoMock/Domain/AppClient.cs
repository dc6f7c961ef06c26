namespace CognitoMock.Domain;

public sealed class AppClient
{
    /// <summary>The ExplicitAuthFlowsType enum of the service model.</summary>
    public static readonly IReadOnlyList<string> AuthFlowChoices =
    [
        "ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH",
    ];

    public string ClientId { get; set; } = "";

    public string UserPoolId { get; set; } = "";

    public string ClientName { get; set; } = "";

    public string? ClientSecret { get; set; }

    public List<string> ExplicitAuthFlows { get; set; } = [];

    /// <summary>Token lifetimes in <see cref="TokenValidityUnits"/>; AWS's defaults are 1 hour, 1 hour and 30 days.</summary>
    public int? AccessTokenValidity { get; set; }

    public int? IdTokenValidity { get; set; }

    public int? RefreshTokenValidity { get; set; }

    public TokenValidityUnits TokenValidityUnits { get; set; } = new();

    /// <summary>ENABLED hides whether a user exists from sign-in errors; LEGACY (the API default) does not.</summary>
    public string? PreventUserExistenceErrors { get; set; }

    public bool EnableTokenRevocation { get; set; } = true;

    public DateTime CreationDate { get; set; }

    public DateTime LastModifiedDate { get; set; }
}

/// <summary>The unit of each token lifetime: seconds, minutes, hours or days.</summary>
public sealed class TokenValidityUnits
{
    public string AccessToken { get; set; } = "hours";

    public string IdToken { get; set; } = "hours";

    public string RefreshToken { get; set; } = "days";

    public static TimeSpan Span(int? value, string unit, TimeSpan fallback) => value is not { } amount ? fallback : unit switch
    {
        "seconds" => TimeSpan.FromSeconds(amount),
        "minutes" => TimeSpan.FromMinutes(amount),
        "days" => TimeSpan.FromDays(amount),
        _ => TimeSpan.FromHours(amount),
    };
}
