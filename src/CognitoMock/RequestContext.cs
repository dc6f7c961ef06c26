namespace CognitoMock;

/// <summary>What the engine knows of the request it serves, beyond its input shape.</summary>
/// <param name="RequestId">The x-amzn-RequestId the answer carries; some messages quote it.</param>
/// <param name="SourceIp">The caller's address, recorded as a device's last_ip_used.</param>
public sealed record RequestContext(string RequestId, string? SourceIp);
