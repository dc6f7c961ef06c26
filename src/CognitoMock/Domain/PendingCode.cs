using System.Security.Cryptography;
using System.Text;

namespace CognitoMock.Domain;

/// <summary>
/// A code sent to a user and not used yet: to confirm a sign-up, to reset a password, or to verify an email or a
/// phone number. Kept in the data file, so a restart between sending and confirming still confirms; only its
/// hash is kept. One code a user and purpose: a new one replaces the last.
/// </summary>
public sealed class PendingCode
{
    /// <summary>The user's _id and the purpose: <see cref="IdOf"/>.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string UserPoolId { get; set; } = "";

    /// <summary>One of <see cref="CodePurposes"/>.</summary>
    public string Purpose { get; set; } = "";

    /// <summary>SHA-256 of the code, hex.</summary>
    public string CodeHash { get; set; } = "";

    public DateTime Expires { get; set; }

    /// <summary>The attribute the code went to (email or phone_number): confirming the code verifies it.</summary>
    public string? Attribute { get; set; }

    /// <summary>
    /// A new email or phone number that waits for this code before it takes the old one's place
    /// (UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate).
    /// </summary>
    public string? PendingValue { get; set; }

    public static string IdOf(string userId, string purpose) => userId + "/" + purpose;

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    public bool Matches(string code) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(code)), Encoding.ASCII.GetBytes(CodeHash));
}

/// <summary>What a code is for, and how long it lasts.</summary>
public static class CodePurposes
{
    public const string SignUp = "SignUp";
    public const string ForgotPassword = "ForgotPassword";

    /// <summary>Verifying an attribute (email or phone_number): one code each.</summary>
    public static string Verify(string attribute) => "Verify:" + attribute;

    /// <summary>
    /// Confirmation and verification codes last 24 hours, password-reset codes 1 hour (AWS's figures, given by its
    /// engineers in amazon-cognito-identity-js issue 189).
    /// </summary>
    public static TimeSpan Lifetime(string purpose) => purpose == ForgotPassword ? TimeSpan.FromHours(1) : TimeSpan.FromHours(24);
}
