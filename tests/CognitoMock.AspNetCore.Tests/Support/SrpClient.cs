using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using CognitoMock.Srp;

namespace CognitoMock.AspNetCore.Tests.Support;

/// <summary>
/// The client side of Cognito's SRP, as amazon-cognito-identity-js does it: S = (B − k·g^x)^(a + u·x). The
/// server computes the same key from the other side, so a sign-in only succeeds if both agree.
/// </summary>
internal sealed class SrpClient
{
    private readonly BigInteger _a;

    public SrpClient()
    {
        _a = SrpGroup.FromUnsignedBytes(RandomNumberGenerator.GetBytes(32));
        PublicValue = BigInteger.ModPow(SrpGroup.G, _a, SrpGroup.N);
    }

    public BigInteger PublicValue { get; }

    public string SrpA => PublicValue.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');

    /// <summary>The 16-byte key for a secret (password or device secret) under a prefix (pool name or device group key).</summary>
    public byte[] Key(string prefix, string identity, string secret, string saltHex, string serverPublicHex)
    {
        var serverPublic = SrpGroup.ParseHex(serverPublicHex);
        var u = SrpGroup.HashToInteger(SrpGroup.Pad(PublicValue), SrpGroup.Pad(serverPublic));
        var x = SrpGroup.PrivateValue(prefix, identity, secret, SrpGroup.ParseHex(saltHex));
        var baseValue = (serverPublic - SrpGroup.K * BigInteger.ModPow(SrpGroup.G, x, SrpGroup.N)) % SrpGroup.N;
        if (baseValue.Sign < 0)
        {
            baseValue += SrpGroup.N;
        }

        var premaster = BigInteger.ModPow(baseValue, _a + u * x, SrpGroup.N);
        return SrpServer.DerivedKey(u, premaster);
    }

    public static string Sign(byte[] key, string prefix, string identity, string secretBlock, string timestamp) =>
        Convert.ToBase64String(SrpServer.Signature(key, prefix, identity, Convert.FromBase64String(secretBlock), timestamp));

    /// <summary>What ConfirmDevice takes for a device secret: the verifier and salt, base64, as the JS client sends them.</summary>
    public static (string PasswordVerifier, string Salt) DeviceVerifier(string deviceGroupKey, string deviceKey, string deviceSecret)
    {
        var salt = SrpGroup.FromUnsignedBytes(RandomNumberGenerator.GetBytes(16));
        var verifier = SrpGroup.Verifier(deviceGroupKey, deviceKey, deviceSecret, salt);
        return (Convert.ToBase64String(SrpGroup.Pad(verifier)), Convert.ToBase64String(SrpGroup.Pad(salt)));
    }

    public static string Timestamp(DateTimeOffset now) => SrpTimestamp.Format(now.UtcDateTime);
}
