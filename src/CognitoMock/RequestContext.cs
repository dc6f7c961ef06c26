namespace CognitoMock;

/// <summary>What the engine knows of the request it serves, beyond its input shape.</summary>
/// <param name="RequestId">The x-amzn-RequestId the answer carries; some messages quote it.</param>
/// <param name="SourceIp">The caller's address, recorded as a device's last_ip_used.</param>
/// <param name="BaseUrl">The mock's URL as the caller reached it, without a trailing slash; tokens' iss starts with it.</param>
/// <param name="UserAgent">The caller's SDK, as its user agent names it; recorded as a new device's dev:device_sdk.</param>
public sealed record RequestContext(string RequestId, string? SourceIp, string BaseUrl = "http://localhost", string? UserAgent = null);
