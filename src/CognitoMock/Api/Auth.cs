namespace CognitoMock.Api;

public sealed class InitiateAuthRequest
{
    public string AuthFlow { get; set; } = "";

    public Dictionary<string, string?>? AuthParameters { get; set; }

    public string ClientId { get; set; } = "";

    public string? Session { get; set; }
}

public sealed class AdminInitiateAuthRequest
{
    public string UserPoolId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string AuthFlow { get; set; } = "";

    public Dictionary<string, string?>? AuthParameters { get; set; }

    public string? Session { get; set; }
}

public sealed class RespondToAuthChallengeRequest
{
    public string ClientId { get; set; } = "";

    public string ChallengeName { get; set; } = "";

    public string? Session { get; set; }

    public Dictionary<string, string?>? ChallengeResponses { get; set; }
}

public sealed class AdminRespondToAuthChallengeRequest
{
    public string UserPoolId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ChallengeName { get; set; } = "";

    public Dictionary<string, string?>? ChallengeResponses { get; set; }

    public string? Session { get; set; }
}

/// <summary>The answer of every sign-in step: a challenge to answer next, or the tokens.</summary>
public sealed class AuthResponse
{
    public string? ChallengeName { get; set; }

    public string? Session { get; set; }

    public Dictionary<string, string>? ChallengeParameters { get; set; }

    public AuthenticationResultType? AuthenticationResult { get; set; }
}

public sealed class AuthenticationResultType
{
    public string? AccessToken { get; set; }

    public int ExpiresIn { get; set; }

    public string? TokenType { get; set; }

    public string? RefreshToken { get; set; }

    public string? IdToken { get; set; }

    public NewDeviceMetadataType? NewDeviceMetadata { get; set; }
}

public sealed class NewDeviceMetadataType
{
    public string? DeviceKey { get; set; }

    public string? DeviceGroupKey { get; set; }
}

public sealed class GetUserRequest
{
    public string AccessToken { get; set; } = "";
}

public sealed class GetUserResponse
{
    public string Username { get; set; } = "";

    public List<AttributeType> UserAttributes { get; set; } = [];

    public string? PreferredMfaSetting { get; set; }

    public List<string>? UserMFASettingList { get; set; }
}

public sealed class GlobalSignOutRequest
{
    public string AccessToken { get; set; } = "";
}

public sealed class AdminUserGlobalSignOutRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";
}

public sealed class RevokeTokenRequest
{
    public string Token { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }
}

/// <summary>The output of the operations whose output shape has no members.</summary>
public sealed class EmptyResponse;
