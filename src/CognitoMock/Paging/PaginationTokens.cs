using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CognitoMock.Errors;

namespace CognitoMock.Paging;

/// <summary>What a token is good for: one operation, on one pool, for one resolved user.</summary>
public readonly record struct PageScope(string Operation, string UserPoolId, string Subject);

/// <summary>
/// Opaque, tamper-evident, expiring pagination tokens (docs/behaviour.md §5). A token carries its scope, the
/// position to resume after and its issue time, and an HMAC-SHA256 over all of it with this instance's
/// secret. Because the position is a key rather than an offset, a page never repeats or skips a device
/// that was added or removed in between.
/// </summary>
public sealed class PaginationTokens(byte[] secret, TimeProvider time, TimeSpan timeToLive)
{
    private const byte Version = 1;
    private const int MacLength = 16;

    public string Issue(PageScope scope, string after)
    {
        var payload = Encode(scope, after, time.GetUtcNow().ToUnixTimeMilliseconds());
        var token = new byte[payload.Length + MacLength];
        payload.CopyTo(token, 0);
        Mac(payload).CopyTo(token.AsSpan(payload.Length));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The position a token resumes after, or InvalidParameterException saying what is wrong with it.</summary>
    public string Read(string token, PageScope scope, string requestId)
    {
        var bytes = Base64Url.IsValid(token) ? Base64Url.DecodeFromChars(token) : [];
        if (bytes.Length <= MacLength + 9 || bytes[0] != Version)
        {
            throw Invalid(token, requestId, "the token is malformed.");
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(Mac(payload), bytes.AsSpan(payload.Length)))
        {
            throw Invalid(token, requestId, "the token has been tampered with, or was issued by another instance.");
        }

        var (tokenScope, after, issuedAt) = Decode(payload);
        if (tokenScope != scope)
        {
            throw Invalid(token, requestId, "the token was issued for another operation, user pool or user.");
        }

        if (DateTimeOffset.FromUnixTimeMilliseconds(issuedAt) + timeToLive <= time.GetUtcNow())
        {
            throw Invalid(token, requestId, "the token has expired.");
        }

        return after;
    }

    // AWS words a refused token this way (aws-sdk-js#3705); the reason after the colon is the mock's.
    private static InvalidParameterException Invalid(string token, string requestId, string reason) =>
        new($"Paging marker {token} is invalid for request {requestId}: {reason}");

    private byte[] Mac(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(secret, payload)[..MacLength];

    private static byte[] Encode(PageScope scope, string after, long issuedAt)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(Version);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, issuedAt);
        stream.Write(number);
        foreach (var part in (string[])[scope.Operation, scope.UserPoolId, scope.Subject, after])
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteUInt16BigEndian(number, checked((ushort)bytes.Length));
            stream.Write(number[..2]);
            stream.Write(bytes);
        }

        return stream.ToArray();
    }

    // Only called on a payload whose MAC verified, so its structure is the one Encode wrote.
    private static (PageScope Scope, string After, long IssuedAt) Decode(ReadOnlySpan<byte> payload)
    {
        var issuedAt = BinaryPrimitives.ReadInt64BigEndian(payload[1..]);
        var rest = payload[9..];
        var parts = new string[4];
        for (var i = 0; i < parts.Length; i++)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(rest);
            parts[i] = Encoding.UTF8.GetString(rest.Slice(2, length));
            rest = rest[(2 + length)..];
        }

        return (new PageScope(parts[0], parts[1], parts[2]), parts[3], issuedAt);
    }
}
