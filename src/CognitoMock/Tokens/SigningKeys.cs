using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using CognitoMock.Randomness;
using CognitoMock.Storage;

namespace CognitoMock.Tokens;

/// <summary>A pool's RSA signing key and its key ID.</summary>
public sealed class SigningKey(string kid, RSA rsa)
{
    public string Kid { get; } = kid;

    public RSA Rsa { get; } = rsa;

    /// <summary>The public half as a JWK: what /&lt;poolId&gt;/.well-known/jwks.json publishes.</summary>
    public (string Modulus, string Exponent) PublicJwk
    {
        get
        {
            var parameters = Rsa.ExportParameters(includePrivateParameters: false);
            return (Base64Url.EncodeToString(parameters.Modulus), Base64Url.EncodeToString(parameters.Exponent));
        }
    }
}

/// <summary>
/// One RS256 key per pool (docs/behaviour.md §7), made on first use and kept in the store, so tokens stay valid
/// across a restart; held in memory once loaded, since every token check needs it.
/// </summary>
public sealed class SigningKeys(Store store, IRandomness random)
{
    private readonly ConcurrentDictionary<string, SigningKey> _loaded = new(StringComparer.Ordinal);

    public SigningKey For(string userPoolId) =>
        _loaded.TryGetValue(userPoolId, out var key) ? key : _loaded.GetOrAdd(userPoolId, LoadOrCreate(userPoolId));

    /// <summary>The key if the pool has one already; checking a token never makes a key.</summary>
    public SigningKey? Existing(string userPoolId)
    {
        if (_loaded.TryGetValue(userPoolId, out var key))
        {
            return key;
        }

        return store.GetSigningKey(userPoolId) is { } stored ? _loaded.GetOrAdd(userPoolId, Import(stored.Kid, stored.PrivateKey)) : null;
    }

    /// <summary>Forgets cached keys, after the store was reset or a pool deleted.</summary>
    public void Forget(string? userPoolId = null)
    {
        if (userPoolId is null)
        {
            _loaded.Clear();
        }
        else
        {
            _loaded.TryRemove(userPoolId, out _);
        }
    }

    private SigningKey LoadOrCreate(string userPoolId) => store.Write(tx =>
    {
        if (store.GetSigningKey(userPoolId) is { } stored)
        {
            return Import(stored.Kid, stored.PrivateKey);
        }

        var rsa = RSA.Create(2048);
        var kid = Convert.ToBase64String(random.Bytes(32));
        tx.InsertSigningKey(userPoolId, kid, rsa.ExportPkcs8PrivateKey());
        return new SigningKey(kid, rsa);
    });

    private static SigningKey Import(string kid, byte[] privateKey)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(privateKey, out _);
        return new SigningKey(kid, rsa);
    }
}
