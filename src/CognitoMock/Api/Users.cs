namespace CognitoMock.Api;

public sealed class UserType
{
    public string? Username { get; set; }

    public List<AttributeType>? Attributes { get; set; }

    public DateTime? UserCreateDate { get; set; }

    public DateTime? UserLastModifiedDate { get; set; }

    public bool? Enabled { get; set; }

    public string? UserStatus { get; set; }
}

public sealed class AdminCreateUserRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";

    public List<AttributeType>? UserAttributes { get; set; }

    public string? TemporaryPassword { get; set; }

    public bool? ForceAliasCreation { get; set; }

    /// <summary>RESEND or SUPPRESS; no message is sent either way.</summary>
    public string? MessageAction { get; set; }
}

public sealed class AdminCreateUserResponse
{
    public UserType? User { get; set; }
}

public sealed class AdminGetUserResponse
{
    public string Username { get; set; } = "";

    public List<AttributeType>? UserAttributes { get; set; }

    public DateTime? UserCreateDate { get; set; }

    public DateTime? UserLastModifiedDate { get; set; }

    public bool? Enabled { get; set; }

    public string? UserStatus { get; set; }

    public string? PreferredMfaSetting { get; set; }

    public List<string>? UserMFASettingList { get; set; }
}

/// <summary>
/// The input of the admin operations that name only a user: AdminGetUser, AdminDeleteUser, AdminEnableUser,
/// AdminDisableUser and AdminConfirmSignUp (its ClientMetadata has no trigger to go to).
/// </summary>
public sealed class AdminUserRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";
}

public sealed class AdminDeleteUserResponse;

public sealed class AdminEnableUserResponse;

public sealed class AdminDisableUserResponse;

public sealed class AdminUpdateUserAttributesRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";

    public List<AttributeType> UserAttributes { get; set; } = [];
}

public sealed class AdminUpdateUserAttributesResponse;

public sealed class AdminDeleteUserAttributesRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";

    public List<string> UserAttributeNames { get; set; } = [];
}

public sealed class AdminDeleteUserAttributesResponse;

public sealed class AdminSetUserPasswordRequest
{
    public string UserPoolId { get; set; } = "";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public bool? Permanent { get; set; }
}

public sealed class AdminSetUserPasswordResponse;

public sealed class AdminConfirmSignUpResponse;

public sealed class ListUsersRequest
{
    public string UserPoolId { get; set; } = "";

    public List<string>? AttributesToGet { get; set; }

    public int? Limit { get; set; }

    public string? PaginationToken { get; set; }

    public string? Filter { get; set; }
}

public sealed class ListUsersResponse
{
    public List<UserType> Users { get; set; } = [];

    public string? PaginationToken { get; set; }
}

public sealed class SignUpRequest
{
    public string ClientId { get; set; } = "";

    public string? SecretHash { get; set; }

    public string Username { get; set; } = "";

    public string? Password { get; set; }

    public List<AttributeType>? UserAttributes { get; set; }
}

public sealed class SignUpResponse
{
    public bool UserConfirmed { get; set; }

    public string UserSub { get; set; } = "";
}
