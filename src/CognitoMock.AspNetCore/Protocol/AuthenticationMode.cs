namespace CognitoMock.AspNetCore.Protocol;

/// <summary>How requests to operations that AWS signs with SigV4 are authenticated (docs/behaviour.md §8).</summary>
public enum AuthenticationMode
{
    /// <summary>A SigV4 Authorization header is required; any credentials in it are accepted.</summary>
    Default,

    /// <summary>
    /// The SigV4 signature is verified against the configured key pairs (<see cref="CognitoMockSettings.Credentials"/>),
    /// with AWS's 15-minute limit on the request's time.
    /// </summary>
    Strict,

    /// <summary>No check at all, for raw-HTTP tests.</summary>
    Open,
}
