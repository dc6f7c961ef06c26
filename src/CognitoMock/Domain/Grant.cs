namespace CognitoMock.Domain;

/// <summary>
/// One successful sign-in and what it handed out: the refresh token (by its hash) and the access and ID
/// tokens that name this grant as their origin_jti. Revoking the grant revokes all of them at once, which is
/// how GlobalSignOut, RevokeToken and ForgetDevice reach tokens already issued.
/// </summary>
public sealed class Grant
{
    /// <summary>The origin_jti of every token of this sign-in.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string UserPoolId { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>The device the sign-in used or was given; a refresh must present it in a device-tracking pool.</summary>
    public string? DeviceKey { get; set; }

    /// <summary>SHA-256 of the refresh token, hex; the token itself is never stored.</summary>
    public string RefreshTokenHash { get; set; } = "";

    public DateTime AuthTime { get; set; }

    public DateTime RefreshTokenExpires { get; set; }

    public bool Revoked { get; set; }

    /// <summary>
    /// When refresh token rotation replaced this grant's refresh token with a new grant's; the old token then works
    /// only for the client's RetryGracePeriodSeconds.
    /// </summary>
    public DateTime? ReplacedAt { get; set; }
}
