using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using CognitoMock.Randomness;
using CognitoMock.Srp;

namespace CognitoMock.SignIn;

/// <summary>What the server must remember between an SRP challenge and its proof.</summary>
/// <param name="UserPoolId">The pool the challenge was given in.</param>
/// <param name="ClientId">The app client that asked for it.</param>
/// <param name="Owner">Who the proof is for: a user's storage ID, or a device key.</param>
/// <param name="Secret">The server's b.</param>
/// <param name="ClientPublic">The client's A.</param>
/// <param name="IssuedAt">When the challenge was given, by the mock's clock.</param>
public sealed record SrpState(string UserPoolId, string ClientId, string Owner, BigInteger Secret, BigInteger ClientPublic, DateTime IssuedAt);

/// <summary>
/// The SECRET_BLOCK of an SRP challenge: the server's state (pool, client, who, b, A, issue time) sealed with
/// AES-GCM under an instance key. AWS returns PASSWORD_VERIFIER without a Session and lets the same proof be
/// sent twice, and a wrong proof does not use the challenge up (docs/behaviour.md §9); a sealed block behaves exactly
/// so, with no server-side session to expire or consume.
/// </summary>
public sealed class SecretBlocks(byte[] key, IRandomness random)
{
    private const byte Version = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    public byte[] Seal(SrpState state)
    {
        var plain = Encode(state);
        var sealedBlock = new byte[1 + NonceLength + plain.Length + TagLength];
        sealedBlock[0] = Version;
        var nonce = sealedBlock.AsSpan(1, NonceLength);
        random.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plain, sealedBlock.AsSpan(1 + NonceLength, plain.Length), sealedBlock.AsSpan(1 + NonceLength + plain.Length), [Version]);
        return sealedBlock;
    }

    /// <summary>The state sealed in a block, or null when the block was not sealed by this instance.</summary>
    public SrpState? Open(ReadOnlySpan<byte> block)
    {
        if (block.Length < 1 + NonceLength + TagLength || block[0] != Version)
        {
            return null;
        }

        var cipher = block[(1 + NonceLength)..^TagLength];
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, TagLength);
        try
        {
            aes.Decrypt(block.Slice(1, NonceLength), cipher, block[^TagLength..], plain, [Version]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        return Decode(plain);
    }

    private static byte[] Encode(SrpState state)
    {
        using var stream = new MemoryStream();
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, state.IssuedAt.Ticks);
        stream.Write(number);
        foreach (var part in (byte[][])[
            Encoding.UTF8.GetBytes(state.UserPoolId), Encoding.UTF8.GetBytes(state.ClientId), Encoding.UTF8.GetBytes(state.Owner),
            SrpGroup.Pad(state.Secret), SrpGroup.Pad(state.ClientPublic)])
        {
            BinaryPrimitives.WriteInt32BigEndian(number, part.Length);
            stream.Write(number[..4]);
            stream.Write(part);
        }

        return stream.ToArray();
    }

    // Only called on authenticated plaintext, so its structure is the one Encode wrote.
    private static SrpState Decode(ReadOnlySpan<byte> plain)
    {
        var issued = new DateTime(BinaryPrimitives.ReadInt64BigEndian(plain), DateTimeKind.Utc);
        var rest = plain[8..];
        var parts = new byte[5][];
        for (var i = 0; i < parts.Length; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(rest);
            parts[i] = rest.Slice(4, length).ToArray();
            rest = rest[(4 + length)..];
        }

        return new SrpState(
            Encoding.UTF8.GetString(parts[0]), Encoding.UTF8.GetString(parts[1]), Encoding.UTF8.GetString(parts[2]),
            new BigInteger(parts[3], isUnsigned: false, isBigEndian: true), new BigInteger(parts[4], isUnsigned: false, isBigEndian: true),
            issued);
    }
}
