using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoMock.Srp;

/// <summary>The server's half of one SRP exchange, for a verifier v and a secret b.</summary>
public sealed class SrpServer
{
    private static readonly byte[] DerivedKeyInfo = [.. "Caldera Derived Key"u8, 0x01];

    public SrpServer(BigInteger verifier, BigInteger secret)
    {
        Verifier = verifier;
        Secret = secret;
        PublicValue = (SrpGroup.K * verifier + SrpGroup.PowerOfG(secret)) % SrpGroup.N;
    }

    public BigInteger Verifier { get; }

    /// <summary>b, the server's secret exponent.</summary>
    public BigInteger Secret { get; }

    /// <summary>B = (k·v + g^b) mod N.</summary>
    public BigInteger PublicValue { get; }

    /// <summary>A fresh b of 256 random bits whose B is usable (B mod N ≠ 0).</summary>
    public static SrpServer Start(BigInteger verifier, Func<byte[]> randomBytes)
    {
        while (true)
        {
            var server = new SrpServer(verifier, SrpGroup.FromUnsignedBytes(randomBytes()));
            if (!server.PublicValue.IsZero)
            {
                return server;
            }
        }
    }

    /// <summary>u = SHA256(padHex(A) ‖ padHex(B)).</summary>
    public BigInteger Scrambler(BigInteger clientPublic) =>
        SrpGroup.HashToInteger(SrpGroup.Pad(clientPublic), SrpGroup.Pad(PublicValue));

    /// <summary>S = (A·v^u)^b mod N.</summary>
    public BigInteger Premaster(BigInteger clientPublic, BigInteger scrambler) =>
        BigInteger.ModPow(clientPublic * BigInteger.ModPow(Verifier, scrambler, SrpGroup.N) % SrpGroup.N, Secret, SrpGroup.N);

    /// <summary>
    /// The 16-byte key both sides derive: HKDF-SHA256 with padHex(u) as salt and padHex(S) as input, one block.
    /// </summary>
    public static byte[] DerivedKey(BigInteger scrambler, BigInteger premaster)
    {
        var pseudoRandomKey = HMACSHA256.HashData(SrpGroup.Pad(scrambler), SrpGroup.Pad(premaster));
        return HMACSHA256.HashData(pseudoRandomKey, DerivedKeyInfo)[..16];
    }

    /// <summary>The key for a client's A. A mod N = 0 would let anyone in, so it is refused.</summary>
    public byte[] SessionKey(BigInteger clientPublic)
    {
        if ((clientPublic % SrpGroup.N).IsZero)
        {
            throw new ArgumentException("SRP_A mod N is zero.", nameof(clientPublic));
        }

        var scrambler = Scrambler(clientPublic);
        return DerivedKey(scrambler, Premaster(clientPublic, scrambler));
    }

    /// <summary>HMAC-SHA256(K, prefix ‖ identity ‖ secretBlock ‖ timestamp), the PASSWORD_CLAIM_SIGNATURE.</summary>
    public static byte[] Signature(byte[] key, string prefix, string identity, byte[] secretBlock, string timestamp)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(prefix));
        hmac.AppendData(Encoding.UTF8.GetBytes(identity));
        hmac.AppendData(secretBlock);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        return hmac.GetHashAndReset();
    }
}
