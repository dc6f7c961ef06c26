using System.Numerics;
using CognitoMock.Srp;

namespace CognitoMock.Domain;

public sealed class User
{
    /// <summary>The storage identity, which the store gives a user when it inserts it (<c>Store.NewUserId</c>).</summary>
    public string Id { get; set; } = "";

    public string UserPoolId { get; set; } = "";

    /// <summary>The stored username, in its original case.</summary>
    public string Username { get; set; } = "";

    public string Sub { get; set; } = "";

    /// <summary>Every attribute, sub included, in the order they were set.</summary>
    public List<UserAttribute> Attributes { get; set; } = [];

    public string UserStatus { get; set; } = UserStatuses.Confirmed;

    public bool Enabled { get; set; } = true;

    public DateTime UserCreateDate { get; set; }

    public DateTime UserLastModifiedDate { get; set; }

    public PasswordCredential? Password { get; set; }

    /// <summary>The user's second factors; none until the user or an admin sets one up.</summary>
    public UserMfa Mfa { get; set; } = new();

    /// <summary>Failed sign-ins and codes, which AWS limits (<see cref="AttemptLimits"/>).</summary>
    public UserAttempts Attempts { get; set; } = new();

    /// <summary>A new user of a pool, enabled, created and last modified at <paramref name="created"/>.</summary>
    public static User Create(string userPoolId, string username, string sub, List<UserAttribute> attributes, string status, DateTime created) => new()
    {
        UserPoolId = userPoolId,
        Username = username,
        Sub = sub,
        Attributes = attributes,
        UserStatus = status,
        UserCreateDate = created,
        UserLastModifiedDate = created,
    };

    public string? GetAttribute(string name) =>
        Attributes.Find(a => a.Name == name)?.Value;

    public bool IsVerified(string attribute) =>
        GetAttribute(attribute + "_verified") == "true";
}

public sealed class UserAttribute
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}

public static class UserStatuses
{
    public const string Unconfirmed = "UNCONFIRMED";
    public const string Confirmed = "CONFIRMED";
    public const string ForceChangePassword = "FORCE_CHANGE_PASSWORD";
    public const string ResetRequired = "RESET_REQUIRED";
    public const string Archived = "ARCHIVED";
    public const string Compromised = "COMPROMISED";
    public const string Unknown = "UNKNOWN";
    public const string ExternalProvider = "EXTERNAL_PROVIDER";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Unconfirmed, Confirmed, ForceChangePassword, ResetRequired, Archived, Compromised, Unknown, ExternalProvider,
    };
}

/// <summary>
/// What is kept of a password: a salted PBKDF2 hash for password sign-in and an SRP verifier for SRP
/// sign-in. The password itself is never stored (docs/behaviour.md §9, Storage).
/// </summary>
public sealed class PasswordCredential
{
    /// <summary>PBKDF2-SHA256 of the password, "pbkdf2-sha256$iterations$base64" (bare base64: 10,000 iterations).</summary>
    public string Hash { get; set; } = "";

    /// <summary>Base64 salt of <see cref="Hash"/>.</summary>
    public string HashSalt { get; set; } = "";

    /// <summary>Hex SRP salt, the SALT challenge parameter.</summary>
    public string SrpSalt { get; set; } = "";

    /// <summary>Hex SRP verifier v = g^x mod N.</summary>
    public string Verifier { get; set; } = "";

    /// <summary>v, as the SRP arithmetic takes it.</summary>
    public BigInteger VerifierValue => SrpGroup.ParseHex(Verifier);
}
