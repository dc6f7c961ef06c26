using CognitoMock.AspNetCore.Protocol;
using CognitoMock.Randomness;
using CognitoMock.Seeding;

namespace CognitoMock.AspNetCore;

/// <summary>
/// Everything one mock instance is made of. Both hosts, the in-process fixture and the standalone server,
/// build their app from these settings through <see cref="CognitoMockServiceCollectionExtensions.AddCognitoMock"/>.
/// </summary>
public sealed class CognitoMockSettings
{
    /// <summary>The LiteDB file; null keeps the state in memory.</summary>
    public string? DataPath { get; set; }

    /// <summary>Encrypts the LiteDB file with LiteDB's password option when set.</summary>
    public string? DataPassword { get; set; }

    /// <summary>Seed files loaded at start, in order, when the store is empty.</summary>
    public List<string> SeedFiles { get; set; } = [];

    /// <summary>Seed documents loaded at start, after the files, when the store is empty.</summary>
    public List<SeedDocument> SeedDocuments { get; set; } = [];

    /// <summary>Generated data loaded at start, after the seeds, when the store is empty.</summary>
    public GeneratorOptions? Generate { get; set; }

    public CognitoMockOptions Engine { get; set; } = new();

    public AuthenticationMode Authentication { get; set; } = AuthenticationMode.Default;

    /// <summary>Access key ID to secret access key: the key pairs the strict mode accepts.</summary>
    public Dictionary<string, string> Credentials { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The largest request body accepted; a larger one is a SerializationException.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Take a caller's address from the first X-Forwarded-For entry, for a mock behind a proxy.</summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>The base of token issuers (iss is this and the pool ID); the URL each request came to when null.</summary>
    public string? IssuerBaseUrl { get; set; }

    /// <summary>Whether the /_mock endpoints (reset, seed, export, clock, faults) are served.</summary>
    public bool AdminEndpoints { get; set; } = true;

    /// <summary>When set, the /_mock endpoints answer only requests with Authorization: Bearer &lt;AdminToken&gt;.</summary>
    public string? AdminToken { get; set; }

    /// <summary>The clock; the system clock when null. The server uses an <see cref="AdjustableClock"/>.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>The randomness; cryptographic when null.</summary>
    public IRandomness? Randomness { get; set; }
}
