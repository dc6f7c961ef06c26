using System.Security.Cryptography;
using System.Text;
using CognitoMock.Randomness;
using CognitoMock.Srp;

namespace CognitoMock.Domain;

/// <summary>Turns a password into what is stored of it, and checks a password against that.</summary>
public static class PasswordCredentials
{
    /// <summary>PBKDF2 work factor. A mock keeps it modest so seeding thousands of users stays quick.</summary>
    private const int Iterations = 10_000;

    public static PasswordCredential Create(UserPool pool, string username, string password, IRandomness random)
    {
        var hashSalt = random.Bytes(16);
        var srpSalt = SrpGroup.FromUnsignedBytes(random.Bytes(16));
        return new PasswordCredential
        {
            Hash = Convert.ToBase64String(Hash(password, hashSalt)),
            HashSalt = Convert.ToBase64String(hashSalt),
            SrpSalt = SrpGroup.ToHex(srpSalt),
            Verifier = SrpGroup.ToHex(SrpGroup.Verifier(pool.SrpPoolName, username, password, srpSalt)),
        };
    }

    public static bool Matches(PasswordCredential credential, string password)
    {
        var expected = Convert.FromBase64String(credential.Hash);
        var actual = Hash(password, Convert.FromBase64String(credential.HashSalt));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static byte[] Hash(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
