namespace CognitoMock.Domain;

/// <summary>An app client of a pool. Immutable, like <see cref="UserPool"/>: a change is a new client that a write stores.</summary>
public sealed record AppClient
{
    /// <summary>The ExplicitAuthFlowsType enum of the service model.</summary>
    public static readonly IReadOnlyList<string> AuthFlowChoices =
    [
        "ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH",
    ];

    public string ClientId { get; init; } = "";

    public string UserPoolId { get; init; } = "";

    public string ClientName { get; init; } = "";

    public string? ClientSecret { get; init; }

    public IReadOnlyList<string> ExplicitAuthFlows { get; init; } = [];

    /// <summary>The settings the API sets and returns as a whole; complete with AWS's defaults.</summary>
    public ClientSettings Settings { get; init; } = AppClientDefaults.Complete(new ClientSettings());

    public DateTime CreationDate { get; init; }

    public DateTime LastModifiedDate { get; init; }
}
