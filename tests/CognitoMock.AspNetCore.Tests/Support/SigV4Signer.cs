using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CognitoMock.AspNetCore.Tests.Support;

/// <summary>
/// Signs a raw request with SigV4 as AWS's signing documentation lays it out, with each part of the credential
/// scope, the signed-header list and the declared payload hash open to change, so a test can build exactly the
/// faulty signature it needs. The real clients' signatures are proven against the binary in the server tests.
/// </summary>
internal sealed record SigV4Signer(string AccessKey, string SecretKey)
{
    public string Region { get; init; } = "us-east-1";

    public string Service { get; init; } = "cognito-idp";

    public string Terminator { get; init; } = "aws4_request";

    /// <summary>The scope's date; the signing time's date when null.</summary>
    public string? ScopeDate { get; init; }

    /// <summary>The names in SignedHeaders, as written; the canonical request lists them lower-case and sorted.</summary>
    public IReadOnlyList<string> SignedHeaders { get; init; } = ["content-type", "host", "x-amz-date", "x-amz-target"];

    /// <summary>When set, sent as X-Amz-Content-Sha256, signed, and taken as the payload hash, as an S3 client does.</summary>
    public string? DeclaredPayloadHash { get; init; }

    public void Sign(HttpRequestMessage request, byte[] body, DateTimeOffset at)
    {
        var amzDate = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (DeclaredPayloadHash is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", DeclaredPayloadHash);
        }

        var names = SignedHeaders.Select(n => n.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var canonical = new StringBuilder()
            .Append("POST\n/\n\n")
            .AppendJoin("", names.Select(n => $"{n}:{ValueOf(request, n)}\n"))
            .Append('\n').AppendJoin(';', names).Append('\n')
            .Append(DeclaredPayloadHash ?? Hex(SHA256.HashData(body)))
            .ToString();
        var scope = $"{ScopeDate ?? amzDate[..8]}/{Region}/{Service}/{Terminator}";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + SecretKey);
        foreach (var part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/{scope}, SignedHeaders={string.Join(';', SignedHeaders)}, Signature={signature}");
    }

    private static string ValueOf(HttpRequestMessage request, string name)
    {
        if (name == "host")
        {
            return request.RequestUri!.Authority;
        }

        var values = request.Headers.TryGetValues(name, out var found) ? found
            : request.Content is not null && request.Content.Headers.TryGetValues(name, out var content) ? content : [];
        return string.Join(',', values.Select(v => v.Trim()));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
