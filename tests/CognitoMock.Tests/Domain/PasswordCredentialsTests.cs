using System.Security.Cryptography;
using System.Text;
using CognitoMock.Domain;
using CognitoMock.Randomness;

namespace CognitoMock.Tests.Domain;

public sealed class PasswordCredentialsTests
{
    private static readonly UserPool Pool = new() { Id = "us-east-1_Hashes1", Name = "hashes" };

    [Fact]
    public void ANewCredential_NamesItsWorkFactor_AndMatchesOnlyItsPassword()
    {
        var credential = PasswordCredentials.Create(Pool, "kim", "Passw0rd!", new SeededRandomness(1));

        credential.Hash.Should().MatchRegex(@"^pbkdf2-sha256\$1000\$[A-Za-z0-9+/]{43}=$");
        credential.Hash.Should().NotContain("Passw0rd!");
        PasswordCredentials.Matches(credential, "Passw0rd!").Should().BeTrue();
        PasswordCredentials.Matches(credential, "Passw0rd?").Should().BeFalse();
    }

    [Fact]
    public void AHashOfTheFirstFormat_BareBase64_IsTenThousandIterations()
    {
        // What data files and exports written before the work factor was part of the hash hold.
        var salt = Encoding.ASCII.GetBytes("0123456789abcdef");
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("Passw0rd!"), salt, 10_000, HashAlgorithmName.SHA256, 32);
        var credential = new PasswordCredential { Hash = Convert.ToBase64String(hash), HashSalt = Convert.ToBase64String(salt) };

        PasswordCredentials.Matches(credential, "Passw0rd!").Should().BeTrue();
        PasswordCredentials.Matches(credential, "passw0rd!").Should().BeFalse();
    }
}
