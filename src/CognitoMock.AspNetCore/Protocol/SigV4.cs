using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CognitoMock.Errors;
using Microsoft.AspNetCore.Http;

namespace CognitoMock.AspNetCore.Protocol;

/// <summary>
/// Checks an AWS Signature Version 4 the way AWS does, for the strict authentication mode (docs/behaviour.md §8), in
/// the order AWS's JSON services check it: the Authorization header's shape, the request time within 15
/// minutes, the signed headers, the credential scope, the key, and then the signature over the canonical
/// request, whose payload hash is always that of the body received.
/// </summary>
/// <remarks>
/// The messages are AWS's, as seen in answers quoted in public issues (cited at each). The 2013 DynamoDB
/// answers that mhart/dynalite's index.js records show the order of the checks and the shape of a combined
/// scope message; DynamoDB and Cognito answer from the same AWS JSON front end, so Cognito is taken to match.
/// </remarks>
internal static class SigV4
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Service = "cognito-idp";
    private const string Terminator = "aws4_request";
    private const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The headers a signature must cover. AWS insists only on the host; the mock also wants the time and the
    /// target, since in AWS JSON the target alone names the operation: with it unsigned, a captured AdminGetUser
    /// can be replayed as an AdminDeleteUser. Every AWS SDK and the CLI sign all three.
    /// </summary>
    private static readonly (string Name, string Quoted)[] RequiredSignedHeaders =
    [
        // Seen in aws/aws-sdk-php issue 2469.
        ("host", "'Host' or ':authority'"),
        // The mock's own rule, worded as AWS words the host one.
        ("x-amz-date", "'X-Amz-Date'"),
        ("x-amz-target", "'X-Amz-Target'"),
    ];

    public static void Verify(HttpRequest request, ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string> secrets, string region, DateTimeOffset now)
    {
        var header = request.Headers.Authorization.ToString();
        // A header that is not SigV4 at all counts as no signature, as DynamoDB answers in mhart/dynalite's index.js.
        if (!header.StartsWith("AWS4-", StringComparison.Ordinal))
        {
            throw new MissingAuthenticationTokenException();
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        var authorization = Parse(header, amzDate);
        var signedAt = CheckTime(amzDate, now);
        var signedHeaders = CheckSignedHeaders(authorization.SignedHeaders);
        var (accessKey, scope) = CheckScope(authorization.Credential, region, signedAt);
        if (!secrets.TryGetValue(accessKey, out var secret))
        {
            throw new UnrecognizedClientException();
        }

        var payloadHash = Hex(SHA256.HashData(body));
        CheckDeclaredPayloadHash(request, payloadHash);
        var canonical = CanonicalRequest(request, signedHeaders, payloadHash);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Encoding.ASCII.GetBytes(Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(authorization.Signature)))
        {
            // Seen from Cognito's AdminInitiateAuth in ArranJacques/laravel-aws-cognito-auth issue 18, without the
            // canonical request that some other AWS services append.
            throw new InvalidSignatureException(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    private static (string Credential, string SignedHeaders, string Signature) Parse(string header, string amzDate)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? header : header[..space];
        if (algorithm != Algorithm)
        {
            // Recorded from DynamoDB in mhart/dynalite's index.js.
            throw new IncompleteSignatureException($"Unsupported AWS 'algorithm': '{algorithm}' (only {Algorithm} for now). ");
        }

        // AWS splits the parameters at commas and at spaces alike, which is why "Credential= AKID/..." is refused
        // for its second half, as seen in iann0036/cloud9-sync issue 10 and awslabs/fhir-works-on-aws-deployment issue 379.
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = space < 0 ? "" : header[(space + 1)..];
        foreach (var token in rest.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new IncompleteSignatureException($"'{token}' not a valid key=value pair (missing equal-sign) in Authorization header: '{header}'.");
            }

            parameters[token[..equals]] = token[(equals + 1)..];
        }

        // Every missing part in one message, then the header, as seen in aws/chalice issue 828 and brendanhay/amazonka
        // issue 316. The mock reads the time from X-Amz-Date only (and requires it signed), but keeps AWS's wording.
        var missing = new StringBuilder();
        foreach (var name in (string[])["Credential", "Signature", "SignedHeaders"])
        {
            if (parameters.GetValueOrDefault(name, "").Length == 0)
            {
                missing.Append(CultureInfo.InvariantCulture, $"Authorization header requires '{name}' parameter. ");
            }
        }

        if (amzDate.Length == 0)
        {
            missing.Append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }

        if (missing.Length > 0)
        {
            throw new IncompleteSignatureException($"{missing}Authorization={header}");
        }

        return (parameters["Credential"], parameters["SignedHeaders"], parameters["Signature"]);
    }

    private static DateTimeOffset CheckTime(string amzDate, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParseExact(amzDate, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            // Recorded from DynamoDB in mhart/dynalite's index.js.
            throw new IncompleteSignatureException($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        // Both recorded from DynamoDB in mhart/dynalite's index.js, and documented in AWS's "Troubleshoot signed
        // requests for AWS APIs" (IAM User Guide).
        if (signedAt < now - AllowedSkew)
        {
            throw new InvalidSignatureException(
                $"Signature expired: {amzDate} is now earlier than {Stamp(now - AllowedSkew)} ({Stamp(now)} - 15 min.)");
        }

        if (signedAt > now + AllowedSkew)
        {
            throw new InvalidSignatureException(
                $"Signature not yet current: {amzDate} is still later than {Stamp(now + AllowedSkew)} ({Stamp(now)} + 15 min.)");
        }

        return signedAt;
    }

    /// <summary>
    /// SigV4 lists the signed headers lower-case and sorted in the canonical request, so that is how they are
    /// read, whatever the Authorization header spells; a client that signed another spelling then fails the
    /// signature, not this check.
    /// </summary>
    private static string[] CheckSignedHeaders(string list)
    {
        var names = list.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (var (name, quoted) in RequiredSignedHeaders)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                throw new InvalidSignatureException($"{quoted} must be a 'SignedHeader' in the AWS Authorization.");
            }
        }

        return names;
    }

    /// <summary>
    /// The scope must name the day of X-Amz-Date, the region the mock serves, cognito-idp and aws4_request.
    /// AWS names every fault in one message, region first and date last, as the DynamoDB answer recorded in
    /// mhart/dynalite's index.js shows; each part ends in ". ", which is why AWS's messages end in a space.
    /// </summary>
    private static (string AccessKey, string Scope) CheckScope(string credential, string region, DateTimeOffset signedAt)
    {
        if (credential.Split('/') is not [var accessKey, var date, var scopeRegion, var service, var terminator])
        {
            // Seen from Amazon OpenSearch in mhart/aws4 issue 97; the DynamoDB record above has it as incomplete.
            throw new IncompleteSignatureException(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
        }

        var faults = new StringBuilder();
        if (scopeRegion != region)
        {
            // Seen in aws/aws-sdk-ruby issue 508, aws/aws-sdk-js issue 792 and joona/aws-es-curl issue 15.
            faults.Append(CultureInfo.InvariantCulture, $"Credential should be scoped to a valid region, not '{scopeRegion}'. ");
        }

        if (service != Service)
        {
            // Seen from DynamoDB in arnemolland/sigv4 issue 15, and in cllunsford/aws-signing-proxy issue 25.
            faults.Append(CultureInfo.InvariantCulture, $"Credential should be scoped to correct service: '{Service}'. ");
        }

        if (terminator != Terminator)
        {
            // Recorded from DynamoDB in mhart/dynalite's index.js; AWS's IAM User Guide documents its first half.
            faults.Append(CultureInfo.InvariantCulture, $"Credential should be scoped with a valid terminator: '{Terminator}', not '{terminator}'. ");
        }

        var day = signedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (date != day)
        {
            // Seen in tedder/requests-aws4auth issue 7.
            faults.Append(CultureInfo.InvariantCulture,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{date}' != '{day}', from '{Stamp(signedAt)}'.");
        }

        if (faults.Length > 0)
        {
            throw new InvalidSignatureException(faults.ToString());
        }

        return (accessKey, string.Join('/', date, scopeRegion, service, terminator));
    }

    /// <summary>
    /// X-Amz-Content-Sha256 is S3's header: there it may stand in for the body's hash, or be UNSIGNED-PAYLOAD.
    /// AWS JSON services such as Cognito hash the body they receive and take no unsigned payload (a client that
    /// sends UNSIGNED-PAYLOAD to them fails the signature, as noted in apache/opendal-reqsign issue 346). So the
    /// header never replaces the body's hash here; and since a body swapped under a header that still names the
    /// old hash is exactly a replay, a header that is present must equal the body's hash, or the request is
    /// refused, UNSIGNED-PAYLOAD included. Cognito has no code of its own for this, so it is an invalid
    /// signature, worded as S3's XAmzContentSHA256Mismatch (seen in grosskur/lua-resty-aws issue 2).
    /// </summary>
    private static void CheckDeclaredPayloadHash(HttpRequest request, string payloadHash)
    {
        if (request.Headers.TryGetValue("X-Amz-Content-Sha256", out var declared)
            && (declared.Count != 1 || !string.Equals(declared[0], payloadHash, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidSignatureException("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
    }

    private static string CanonicalRequest(HttpRequest request, string[] signedHeaders, string payloadHash)
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
        builder.Append(payloadHash);
        return builder.ToString();
    }

    private static string CanonicalPath(string? path) =>
        string.IsNullOrEmpty(path) ? "/" : string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
