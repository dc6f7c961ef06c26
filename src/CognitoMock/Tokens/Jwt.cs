using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CognitoMock.Tokens;

/// <summary>
/// Compact RS256 JSON Web Tokens, written and read by hand: the mock controls every claim, and reading
/// accepts exactly one algorithm, so "alg":"none" or an HS256 token keyed with the public key never passes.
/// </summary>
internal static class Jwt
{
    public static string Sign(SigningKey key, Action<Utf8JsonWriter> writeClaims)
    {
        var header = Json(writer =>
        {
            writer.WriteString("kid", key.Kid);
            writer.WriteString("alg", "RS256");
        });
        var payload = Json(writeClaims);
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The parts of a token, without checking its signature yet; null when it is not a JWT at all.</summary>
    public static UnverifiedJwt? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !parts.All(p => Base64Url.IsValid(p)))
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = header.RootElement;
            if (root.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                payload.Dispose();
                return null;
            }

            return new UnverifiedJwt(
                root.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString()! : "",
                root.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String ? kid.GetString()! : "",
                payload,
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
                Base64Url.DecodeFromChars(parts[2]));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

internal sealed class UnverifiedJwt(string algorithm, string kid, JsonDocument payload, byte[] signingInput, byte[] signature) : IDisposable
{
    public string Algorithm { get; } = algorithm;

    public string Kid { get; } = kid;

    public JsonElement Claims => payload.RootElement;

    /// <summary>True only for RS256 under the given key: the one algorithm the mock signs with.</summary>
    public bool IsSignedBy(SigningKey key) =>
        Algorithm == "RS256" && Kid == key.Kid
        && key.Rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public string? String(string claim) =>
        Claims.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public long? Number(string claim) =>
        Claims.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    public void Dispose() => payload.Dispose();
}
