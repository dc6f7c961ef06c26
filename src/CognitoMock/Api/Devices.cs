namespace CognitoMock.Api;

public sealed class AdminListDevicesRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";

    public int? Limit { get; set; }

    public string? PaginationToken { get; set; }
}

public sealed class AdminListDevicesResponse
{
    public List<DeviceType> Devices { get; set; } = [];

    public string? PaginationToken { get; set; }
}
