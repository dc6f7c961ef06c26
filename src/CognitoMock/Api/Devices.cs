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

public sealed class ConfirmDeviceRequest
{
    public string AccessToken { get; set; } = "";

    public string DeviceKey { get; set; } = "";

    public DeviceSecretVerifierConfigType? DeviceSecretVerifierConfig { get; set; }

    public string? DeviceName { get; set; }
}

public sealed class DeviceSecretVerifierConfigType
{
    public string? PasswordVerifier { get; set; }

    public string? Salt { get; set; }
}

public sealed class ConfirmDeviceResponse
{
    public bool UserConfirmationNecessary { get; set; }
}

public sealed class ListDevicesRequest
{
    public string AccessToken { get; set; } = "";

    public int? Limit { get; set; }

    public string? PaginationToken { get; set; }
}

public sealed class ListDevicesResponse
{
    public List<DeviceType> Devices { get; set; } = [];

    public string? PaginationToken { get; set; }
}

public sealed class GetDeviceRequest
{
    public string DeviceKey { get; set; } = "";

    public string? AccessToken { get; set; }
}

public sealed class GetDeviceResponse
{
    public DeviceType Device { get; set; } = new();
}

public sealed class ForgetDeviceRequest
{
    public string? AccessToken { get; set; }

    public string DeviceKey { get; set; } = "";
}

public sealed class UpdateDeviceStatusRequest
{
    public string AccessToken { get; set; } = "";

    public string DeviceKey { get; set; } = "";

    public string? DeviceRememberedStatus { get; set; }
}

public sealed class AdminGetDeviceRequest
{
    public string DeviceKey { get; set; } = "";

    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";
}

public sealed class AdminForgetDeviceRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";

    public string DeviceKey { get; set; } = "";
}

public sealed class AdminUpdateDeviceStatusRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";

    public string DeviceKey { get; set; } = "";

    public string? DeviceRememberedStatus { get; set; }
}

public sealed class AdminGetDeviceResponse
{
    public DeviceType Device { get; set; } = new();
}
