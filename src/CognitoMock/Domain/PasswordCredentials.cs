using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CognitoMock.Randomness;
using CognitoMock.Srp;

namespace CognitoMock.Domain;

/// <summary>Turns a password into what is stored of it, and checks a password against that.</summary>
public static class PasswordCredentials
{
    /// <summary>
    /// PBKDF2 work factor of new hashes, chosen for speed: the hash keeps passwords out of the data file, but a
    /// test double's file is no vault, and 10,000 iterations made every AdminCreateUser and sign-in twice as slow.
    /// </summary>
    private const int Iterations = 1_000;

    /// <summary>Hashes written before the work factor was part of them used this many iterations.</summary>
    private const int UnmarkedIterations = 10_000;

    private const string Scheme = "pbkdf2-sha256";

    public static PasswordCredential Create(UserPool pool, string username, string password, IRandomness random)
    {
        var hashSalt = random.Bytes(16);
        var srpSalt = SrpGroup.FromUnsignedBytes(random.Bytes(16));
        return new PasswordCredential
        {
            Hash = string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(Hash(password, hashSalt, Iterations))}"),
            HashSalt = Convert.ToBase64String(hashSalt),
            SrpSalt = SrpGroup.ToHex(srpSalt),
            Verifier = SrpGroup.ToHex(SrpGroup.Verifier(pool.SrpPoolName, username, password, srpSalt)),
        };
    }

    /// <summary>Whether the password is the one hashed: "pbkdf2-sha256$iterations$base64", or bare base64 of the first format.</summary>
    public static bool Matches(PasswordCredential credential, string password)
    {
        var (iterations, hash) = Parse(credential.Hash);
        var actual = Hash(password, Convert.FromBase64String(credential.HashSalt), iterations);
        return CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(hash), actual);
    }

    /// <summary>Whether a stored credential (from a seed) can be checked: base64 hash and salt, hex SRP salt and verifier.</summary>
    public static bool IsWellFormed(PasswordCredential credential) =>
        Parse(credential.Hash).Hash is { Length: > 0 } hash && IsBase64(hash) && IsBase64(credential.HashSalt)
        && IsHex(credential.SrpSalt) && IsHex(credential.Verifier);

    private static (int Iterations, string Hash) Parse(string stored) =>
        stored.Split('$') is [Scheme, var count, var value] && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (n, value)
            : (UnmarkedIterations, stored);

    private static bool IsBase64(string text) => text.Length > 0 && Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static bool IsHex(string text) => text.Length > 0 && text.All(char.IsAsciiHexDigit);

    private static byte[] Hash(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
}
