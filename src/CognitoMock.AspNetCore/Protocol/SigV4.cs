using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CognitoMock.Errors;
using Microsoft.AspNetCore.Http;

namespace CognitoMock.AspNetCore.Protocol;

/// <summary>
/// Checks an AWS Signature Version 4 the way AWS does, for the strict authentication mode (SEMANTICS §8):
/// the canonical request from the method, path, query, signed headers and body, the string to sign under the
/// credential's scope, and the HMAC chain from the secret key; and the request's time within 15 minutes.
/// </summary>
internal static class SigV4
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    public static void Verify(HttpRequest request, ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string> secrets, DateTimeOffset now)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw new MissingAuthenticationTokenException();
        }

        var (accessKey, scope, signedHeaders, signature) = Parse(header);
        if (!secrets.TryGetValue(accessKey, out var secret))
        {
            throw new UnrecognizedClientException();
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw new InvalidSignatureException("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if ((signedAt - now).Duration() > AllowedSkew)
        {
            throw new InvalidSignatureException(
                $"Signature expired: {amzDate} is now earlier than {Stamp(now - AllowedSkew)} ({Stamp(now)} - 15 min.)");
        }

        var canonical = CanonicalRequest(request, signedHeaders, body);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Encoding.ASCII.GetBytes(Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            throw new InvalidSignatureException(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    private static (string AccessKey, string Scope, string[] SignedHeaders, string Signature) Parse(string header)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw new IncompleteSignatureException($"Authorization header requires the {Algorithm} algorithm.");
        }

        var fields = header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signed)
            || !fields.TryGetValue("Signature", out var signature) || credential.Split('/') is not { Length: 5 } parts)
        {
            throw new IncompleteSignatureException("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
        }

        return (parts[0], string.Join('/', parts[1..]), signed.Split(';'), signature);
    }

    private static string CanonicalRequest(HttpRequest request, string[] signedHeaders, ReadOnlySpan<byte> body)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalPath(request.PathBase.Add(request.Path).Value)).Append('\n');
        builder.Append(string.Join('&', request.Query
            .SelectMany(q => q.Value.Select(v => (Name: Uri.EscapeDataString(q.Key), Value: Uri.EscapeDataString(v ?? ""))))
            .OrderBy(q => q.Name, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal)
            .Select(q => $"{q.Name}={q.Value}"))).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = name == "host" ? [request.Host.Value ?? ""] : request.Headers[name].Select(v => v ?? "");
            builder.Append(name).Append(':').Append(string.Join(',', values.Select(Collapse))).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n');
        var declared = request.Headers["X-Amz-Content-Sha256"].ToString();
        builder.Append(declared.Length > 0 ? declared : Hex(SHA256.HashData(body)));
        return builder.ToString();
    }

    private static string CanonicalPath(string? path) =>
        string.IsNullOrEmpty(path) ? "/" : string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
