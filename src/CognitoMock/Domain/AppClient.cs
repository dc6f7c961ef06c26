namespace CognitoMock.Domain;

public sealed class AppClient
{
    public string ClientId { get; set; } = "";

    public string UserPoolId { get; set; } = "";

    public string ClientName { get; set; } = "";

    public string? ClientSecret { get; set; }

    public List<string> ExplicitAuthFlows { get; set; } = [];

    public DateTime CreationDate { get; set; }

    public DateTime LastModifiedDate { get; set; }
}
