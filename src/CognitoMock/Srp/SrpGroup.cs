using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace CognitoMock.Srp;

/// <summary>
/// The SRP-6a group and the encodings Cognito's clients use (docs/behaviour.md §9): the 3072-bit RFC 3526 prime,
/// g = 2, and byte strings in the minimal two's-complement big-endian form of Java's BigInteger.
/// </summary>
public static class SrpGroup
{
    private const string PrimeHex =
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
        "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
        "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
        "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
        "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
        "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

    public static BigInteger N { get; } = ParseHex(PrimeHex);

    public static BigInteger G { get; } = new(2);

    /// <summary>k = SHA256(padHex(N) ‖ padHex(g)).</summary>
    public static BigInteger K { get; } = HashToInteger(Pad(N), Pad(G));

    /// <summary>The minimal two's-complement big-endian bytes of a non-negative integer.</summary>
    public static byte[] Pad(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    /// <summary>Parses hex of either case, with or without leading zeros, as a non-negative integer.</summary>
    public static BigInteger ParseHex(string hex) =>
        BigInteger.Parse("0" + hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    public static BigInteger FromUnsignedBytes(ReadOnlySpan<byte> bytes) =>
        new(bytes, isUnsigned: true, isBigEndian: true);

    /// <summary>Lower-case hex of the padded form, the way the clients print SRP numbers.</summary>
    public static string ToHex(BigInteger value) => Convert.ToHexStringLower(Pad(value));

    public static BigInteger HashToInteger(params ReadOnlySpan<byte[]> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(part);
        }

        return FromUnsignedBytes(hash.GetHashAndReset());
    }

    /// <summary>
    /// The private value x for a secret: SHA256(padHex(salt) ‖ SHA256(prefix ‖ identity ‖ ":" ‖ password)).
    /// For a user the prefix is the pool name and the identity the username; for a device, the device
    /// group key and the device key.
    /// </summary>
    public static BigInteger PrivateValue(string prefix, string identity, string password, BigInteger salt)
    {
        var inner = SHA256.HashData(Encoding.UTF8.GetBytes(prefix + identity + ":" + password));
        return HashToInteger(Pad(salt), inner);
    }

    /// <summary>The verifier v = g^x mod N that the server keeps instead of the secret.</summary>
    public static BigInteger Verifier(string prefix, string identity, string password, BigInteger salt) =>
        PowerOfG(PrivateValue(prefix, identity, password, salt));

    /// <summary>
    /// g^e mod N. The base never changes, so the powers g^(d·16^j) are computed once, and g^e is the product of
    /// one of them per hex digit of e: 64 multiplications for a 256-bit exponent instead of ModPow's 384, a third
    /// of the time. Exponents wider than the table fall back to ModPow.
    /// </summary>
    public static BigInteger PowerOfG(BigInteger exponent)
    {
        var table = GPowers.Value;
        if (exponent.Sign < 0 || exponent.GetByteCount(isUnsigned: true) * 2 > table.Length)
        {
            return BigInteger.ModPow(G, exponent, N);
        }

        var digits = exponent.ToByteArray(isUnsigned: true, isBigEndian: false);

        var result = BigInteger.One;
        for (var window = 0; window < digits.Length * 2; window++)
        {
            var digit = (digits[window / 2] >> (window % 2 * 4)) & 0xF;
            if (digit != 0)
            {
                result = result * table[window][digit] % N;
            }
        }

        return result;
    }

    /// <summary>table[j][d] = g^(d·16^j) mod N, for exponents of up to 512 bits (b, x and u are 256).</summary>
    private static readonly Lazy<BigInteger[][]> GPowers = new(() =>
    {
        var table = new BigInteger[128][];
        var power = G;
        for (var j = 0; j < table.Length; j++)
        {
            table[j] = new BigInteger[16];
            table[j][0] = BigInteger.One;
            for (var d = 1; d < 16; d++)
            {
                table[j][d] = table[j][d - 1] * power % N;
            }

            power = table[j][15] * power % N;
        }

        return table;
    });
}
