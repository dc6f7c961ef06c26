using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CognitoMock.AspNetCore.Protocol;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Protocol;

/// <summary>
/// docs/behaviour.md §8's strict mode, one check at a time: the Authorization header's shape, the request time, the
/// signed headers, the credential scope, the key, the payload hash and the signature, each refused as AWS words it.
/// </summary>
public sealed class StrictAuthenticationTests
{
    private const string Mismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    private const string PayloadHashMismatch = "The provided 'x-amz-content-sha256' header does not match what was computed.";
    private const string InvalidSignature = "InvalidSignatureException";
    private const string Incomplete = "IncompleteSignatureException";

    private static readonly object GetAlice = new { UserPoolId = "us-east-1_DemoAlias", Username = "alice" };
    private static readonly SigV4Signer Signer = new("AKIDSTRICT", "strict-secret");

    [Fact]
    public async Task ARequestSignedForTheMocksScope_Passes()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer)).ShouldBeOk();
    }

    [Fact]
    public async Task TheScopesRegion_IsTheRegionTheMockServes()
    {
        using var mock = Strict(s => s.Engine.Region = "eu-west-1");
        var listPools = new { MaxResults = 10 };
        const string ListUserPools = "AWSCognitoIdentityProviderService.ListUserPools";

        (await SendAsync(mock, Signer with { Region = "eu-west-1" }, body: listPools, target: ListUserPools)).ShouldBeOk();
        (await SendAsync(mock, Signer, body: listPools, target: ListUserPools))
            .ShouldBeError(InvalidSignature, "Credential should be scoped to a valid region, not 'us-east-1'. ");
    }

    [Fact]
    public async Task AScopeForAnotherRegion_IsRefused()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer with { Region = "xx-west-9" })).ShouldBeError(InvalidSignature, "Credential should be scoped to a valid region, not 'xx-west-9'. ");
    }

    [Fact]
    public async Task AScopeForAnotherService_IsRefused()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer with { Service = "s3" })).ShouldBeError(InvalidSignature, "Credential should be scoped to correct service: 'cognito-idp'. ");
    }

    [Fact]
    public async Task AScopeWithAnotherTerminator_IsRefused()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer with { Terminator = "aws5_request" }))
            .ShouldBeError(InvalidSignature, "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ");
    }

    [Fact]
    public async Task AScopeDateOtherThanTheDateOfXAmzDate_IsRefused()
    {
        using var mock = Strict();
        var now = mock.Clock.GetUtcNow();
        var yesterday = now.AddDays(-1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        (await SendAsync(mock, Signer with { ScopeDate = yesterday })).ShouldBeError(InvalidSignature,
            $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{yesterday}' != '{Day(now)}', from '{Stamp(now)}'.");
    }

    [Fact]
    public async Task AScopeWrongInEveryPart_NamesEveryFault_InAwsOrder()
    {
        using var mock = Strict();
        var now = mock.Clock.GetUtcNow();

        (await SendAsync(mock, Signer with { ScopeDate = "20000101", Region = "eu-west-1", Service = "dynamodb", Terminator = "aws4_req" })).ShouldBeError(InvalidSignature,
            "Credential should be scoped to a valid region, not 'eu-west-1'. Credential should be scoped to correct service: 'cognito-idp'. "
            + "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_req'. "
            + $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20000101' != '{Day(now)}', from '{Stamp(now)}'.");
    }

    [Fact]
    public async Task TheScope_IsCheckedBeforeTheKey()
    {
        using var mock = Strict();

        (await SendAsync(mock, new SigV4Signer("AKIDUNKNOWN", "x") { Service = "s3" }))
            .ShouldBeError(InvalidSignature, "Credential should be scoped to correct service: 'cognito-idp'. ");
        (await SendAsync(mock, new SigV4Signer("AKIDUNKNOWN", "x")))
            .ShouldBeError("UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    [Theory]
    [InlineData("x-amz-date;x-amz-target", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")]
    [InlineData("host;x-amz-target", "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.")]
    [InlineData("host;x-amz-date", "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.")]
    [InlineData("host", "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.")]
    public async Task SignedHeaders_MustCoverTheHostTheTimeAndTheOperation(string signedHeaders, string message)
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer with { SignedHeaders = signedHeaders.Split(';') })).ShouldBeError(InvalidSignature, message);
    }

    [Fact]
    public async Task SignedHeaders_AreMatchedWhateverTheirCaseAndOrder()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer with { SignedHeaders = ["X-Amz-Target", "Host", "X-Amz-Date"] })).ShouldBeOk();
    }

    [Fact]
    public async Task AnUnsignedTarget_CannotTurnARequestIntoAnotherOperation()
    {
        using var mock = Strict();

        var response = await SendAsync(mock, Signer with { SignedHeaders = ["host", "x-amz-date"] },
            tamper: r => r.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminDeleteUser"), target: null);

        response.ShouldBeError(InvalidSignature, "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
        (await SendAsync(mock, Signer)).ShouldBeOk();
    }

    [Fact]
    public async Task APayloadHashHeader_ThatIsTheBodysHash_Passes()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer with { DeclaredPayloadHash = HashOf(GetAlice), SignedHeaders = ["host", "x-amz-content-sha256", "x-amz-date", "x-amz-target"] }))
            .ShouldBeOk();
    }

    [Theory]
    [InlineData("UNSIGNED-PAYLOAD")]
    [InlineData("STREAMING-UNSIGNED-PAYLOAD-TRAILER")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public async Task APayloadHashHeader_ThatIsNotTheBodysHash_IsRefused_EvenWhenSigned(string declared)
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer with { DeclaredPayloadHash = declared, SignedHeaders = ["host", "x-amz-content-sha256", "x-amz-date", "x-amz-target"] }))
            .ShouldBeError(InvalidSignature, PayloadHashMismatch);
    }

    [Fact]
    public async Task ABodyChangedAfterSigning_IsRefused()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer, body: GetAlice, sentBody: new { UserPoolId = "us-east-1_DemoAlias", Username = "bob" }))
            .ShouldBeError(InvalidSignature, Mismatch);
    }

    [Theory]
    [InlineData("Credential=AKIDSTRICT/20250101/us-east-1/cognito-idp/aws4_request",
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. ")]
    [InlineData("SignedHeaders=host, Signature=00",
        "Authorization header requires 'Credential' parameter. ")]
    [InlineData("Credential=, SignedHeaders=host, Signature=00",
        "Authorization header requires 'Credential' parameter. ")]
    [InlineData("",
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. ")]
    public async Task AnAuthorizationHeaderWithoutItsParameters_IsIncomplete(string parameters, string message)
    {
        using var mock = Strict();
        var header = ("AWS4-HMAC-SHA256 " + parameters).TrimEnd();

        (await SendAsync(mock, Signer, tamper: r => Replace(r, "Authorization", header))).ShouldBeError(Incomplete, message + "Authorization=" + header);
    }

    [Fact]
    public async Task ARequestWithoutATime_IsIncomplete()
    {
        using var mock = Strict();
        var header = "AWS4-HMAC-SHA256 Credential=AKIDSTRICT/20250101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00";

        (await SendAsync(mock, Signer, tamper: r =>
        {
            r.Headers.Remove("X-Amz-Date");
            Replace(r, "Authorization", header);
        })).ShouldBeError(Incomplete, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + header);
    }

    [Fact]
    public async Task AParameterWithoutAnEqualsSign_IsIncomplete()
    {
        using var mock = Strict();
        const string Header = "AWS4-HMAC-SHA256 Credential= AKIDSTRICT/20250101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00";

        (await SendAsync(mock, Signer, tamper: r => Replace(r, "Authorization", Header))).ShouldBeError(Incomplete,
            $"'AKIDSTRICT/20250101/us-east-1/cognito-idp/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '{Header}'.");
    }

    [Fact]
    public async Task ACredentialWithoutFiveParts_IsIncomplete()
    {
        using var mock = Strict();
        const string Header = "AWS4-HMAC-SHA256 Credential=AKIDSTRICT/20250101/us-east-1/cognito-idp, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00";

        (await SendAsync(mock, Signer, tamper: r => Replace(r, "Authorization", Header))).ShouldBeError(Incomplete,
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDSTRICT/20250101/us-east-1/cognito-idp'");
    }

    [Fact]
    public async Task AnotherAlgorithm_IsIncomplete()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer, tamper: r => Replace(r, "Authorization", "AWS4-HMAC-SHA512 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00")))
            .ShouldBeError(Incomplete, "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
    }

    [Fact]
    public async Task ATimeNotInIsoBasicFormat_IsIncomplete()
    {
        using var mock = Strict();

        (await SendAsync(mock, Signer, tamper: r => Replace(r, "X-Amz-Date", "2025-01-01T00:00:00Z")))
            .ShouldBeError(Incomplete, "Date must be in ISO-8601 'basic format'. Got '2025-01-01T00:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    [Fact]
    public async Task ARequestSignedMoreThanFifteenMinutesAhead_IsNotYetCurrent()
    {
        using var mock = Strict();
        var now = mock.Clock.GetUtcNow();
        var signedAt = now.AddMinutes(16);

        (await SendAsync(mock, Signer, at: signedAt)).ShouldBeError(InvalidSignature,
            $"Signature not yet current: {Stamp(signedAt)} is still later than {Stamp(now.AddMinutes(15))} ({Stamp(now)} + 15 min.)");
        (await SendAsync(mock, Signer, at: now.AddMinutes(14))).ShouldBeOk();
    }

    [Fact]
    public async Task ARequestSignedMoreThanFifteenMinutesAgo_HasExpired()
    {
        using var mock = Strict();
        var now = mock.Clock.GetUtcNow();
        var signedAt = now.AddMinutes(-16);

        (await SendAsync(mock, Signer, at: signedAt)).ShouldBeError(InvalidSignature,
            $"Signature expired: {Stamp(signedAt)} is now earlier than {Stamp(now.AddMinutes(-15))} ({Stamp(now)} - 15 min.)");
    }

    [Fact]
    public async Task DefaultMode_StillAcceptsAnyCredentialsAndScope()
    {
        using var mock = InProcessCognitoMock.Start(s => s.SeedFiles.Add(SeedFiles.Demo));

        (await SendAsync(mock, new SigV4Signer("anyone", "anything") { Region = "xx-west-9", Service = "s3", SignedHeaders = ["host"] })).ShouldBeOk();
    }

    private static InProcessCognitoMock Strict(Action<CognitoMockSettings>? configure = null) => InProcessCognitoMock.Start(s =>
    {
        s.Authentication = AuthenticationMode.Strict;
        s.Credentials["AKIDSTRICT"] = "strict-secret";
        s.SeedFiles.Add(SeedFiles.Demo);
        configure?.Invoke(s);
    });

    /// <summary>AdminGetUser for alice, signed by <paramref name="signer"/>, then changed by <paramref name="tamper"/> before it goes.</summary>
    private static async Task<WireResponse> SendAsync(
        InProcessCognitoMock mock,
        SigV4Signer signer,
        Action<HttpRequestMessage>? tamper = null,
        DateTimeOffset? at = null,
        object? body = null,
        object? sentBody = null,
        string? target = "AWSCognitoIdentityProviderService.AdminGetUser")
    {
        var signed = JsonSerializer.SerializeToUtf8Bytes(body ?? GetAlice);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(mock.BaseUrl, "/")) { Content = Json(signed) };
        if (target is not null)
        {
            request.Headers.Add("X-Amz-Target", target);
        }

        signer.Sign(request, signed, at ?? mock.Clock.GetUtcNow());
        if (sentBody is not null)
        {
            request.Content = Json(JsonSerializer.SerializeToUtf8Bytes(sentBody));
        }

        tamper?.Invoke(request);
        using var http = mock.CreateClient();
        using var response = await http.SendAsync(request);
        return new WireResponse(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            await response.Content.ReadAsStringAsync());
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        return content;
    }

    private static void Replace(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    private static string HashOf(object body) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body)));

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
