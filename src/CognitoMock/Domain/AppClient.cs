using CognitoMock.Api;

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

    /// <summary>The settings the API sets and returns as a whole; complete with AWS's defaults.</summary>
    public UserPoolClientSettings Settings { get; set; } = AppClientDefaults.Complete(new UserPoolClientSettings());

    public DateTime CreationDate { get; set; }

    public DateTime LastModifiedDate { get; set; }
}
