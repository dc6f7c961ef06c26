namespace CognitoMock;

public sealed class CognitoMockOptions
{
    /// <summary>The region in pool IDs, device keys and ARNs.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The account in ARNs.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>How long a PaginationToken stays good, by the injected clock (docs/behaviour.md §5).</summary>
    public TimeSpan PaginationTokenTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The code every SMS carries, for demos; a random 6-digit code each time when null.</summary>
    public string? FixedSmsCode { get; set; }
}
