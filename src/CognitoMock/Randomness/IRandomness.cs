using System.Security.Cryptography;

namespace CognitoMock.Randomness;

/// <summary>
/// The one source of randomness of the engine: IDs, keys, salts and SRP secrets. Injected so a seeded
/// run is repeatable.
/// </summary>
public interface IRandomness
{
    void Fill(Span<byte> buffer);
}

public sealed class CryptoRandomness : IRandomness
{
    public static CryptoRandomness Instance { get; } = new();

    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}

/// <summary>
/// Fast, thread-safe randomness for identifiers that protect nothing, such as request IDs: a crypto-random
/// UUID per request was a measurable part of a read's cost.
/// </summary>
public sealed class FastRandomness : IRandomness
{
    public static FastRandomness Instance { get; } = new();

    public void Fill(Span<byte> buffer) => Random.Shared.NextBytes(buffer);
}

/// <summary>Repeatable randomness for tests and generated data. Not for secrets that must stay secret.</summary>
public sealed class SeededRandomness(int seed) : IRandomness
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public void Fill(Span<byte> buffer)
    {
        lock (_lock)
        {
            _random.NextBytes(buffer);
        }
    }
}

public static class RandomnessExtensions
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string LowerAlphanumerics = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static byte[] Bytes(this IRandomness random, int count)
    {
        var bytes = new byte[count];
        random.Fill(bytes);
        return bytes;
    }

    /// <summary>A version 4 UUID in its lower-case text form.</summary>
    public static string Uuid(this IRandomness random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    public static string Alphanumeric(this IRandomness random, int length) => Pick(random, Alphanumerics, length);

    public static string LowerAlphanumeric(this IRandomness random, int length) => Pick(random, LowerAlphanumerics, length);

    private static string Pick(IRandomness random, string alphabet, int length)
    {
        Span<byte> bytes = stackalloc byte[length];
        random.Fill(bytes);
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[bytes[i] % alphabet.Length];
        }

        return new string(chars);
    }
}
