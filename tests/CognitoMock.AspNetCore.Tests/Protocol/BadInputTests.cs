using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Model;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Seeding;
using CognitoMock.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace CognitoMock.AspNetCore.Tests.Protocol;

/// <summary>
/// Ten thousand generated bad requests thrown at every operation of the model: malformed JSON, wrong types,
/// huge strings, deep nesting, invalid UTF-8, nulls, unknown members, missing and unknown targets, oversized
/// bodies. None may get a 5xx or anything but a well-formed AWS error, none may change the state, and the mock
/// must still serve afterwards.
/// </summary>
public sealed class BadInputTests
{
    private const int BodyCap = 64 * 1024;
    private static readonly string[] Operations = [.. ServiceModel.Cognito.Operations.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task TenThousandBadRequests_GetWellFormedAwsErrors_AndChangeNothing()
    {
        using var mock = InProcessCognitoMock.Start(s =>
        {
            s.SeedFiles.Add(SeedFiles.Demo);
            s.MaxRequestBodyBytes = BodyCap;
        });
        var http = mock.CreateClient();
        var state = Export(mock);
        var accepted = 0;

        var property = Prop.ForAll(Arb.From(BadRequests()), request =>
        {
            var (status, headers, body) = Send(http, request);
            if (status == HttpStatusCode.OK)
            {
                // A generated request may happen to be valid; what it changed is the state from now on.
                accepted++;
                state = Export(mock);
                return true;
            }

            AssertWellFormedError(request, status, headers, body);
            Export(mock).Should().Be(state, $"a refused {request} must not change the state");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(10_000).WithStartSize(1).WithEndSize(200), property);

        accepted.Should().BeLessThan(100, "the generator is meant to produce bad requests");
        var still = await new Wire(mock).CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_DemoAlias", Username = "alice" });
        still.ShouldBeOk();
    }

    private static void AssertWellFormedError(BadRequest request, HttpStatusCode status, IReadOnlyDictionary<string, string> headers, string body)
    {
        ((int)status).Should().BeInRange(400, 499, $"{request} answered {body}");
        headers["Content-Type"].Should().Be("application/x-amz-json-1.1");
        Guid.TryParse(headers["x-amzn-RequestId"], out _).Should().BeTrue();
        var json = JsonNode.Parse(body)!.AsObject();
        var code = json["__type"]!.GetValue<string>();
        json["message"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        headers["x-amzn-ErrorType"].Should().Be(code + ":");
        code.Should().BeOneOf("SerializationException", "UnknownOperationException", "InvalidParameterException", "MissingAuthenticationTokenException",
            "ResourceNotFoundException", "UserNotFoundException", "NotAuthorizedException", "UnsupportedTokenTypeException", "UnauthorizedException",
            "InvalidPasswordException", "UsernameExistsException", "AliasExistsException", "CodeMismatchException", "ExpiredCodeException",
            "InvalidUserPoolConfigurationException", "LimitExceededException", "UserNotConfirmedException", "PasswordResetRequiredException");
        if (request.Target is { } target && target.StartsWith("AWSCognitoIdentityProviderService.", StringComparison.Ordinal)
            && ServiceModel.Cognito.Operations.TryGetValue(target.Split('.')[1], out var operation) && code is not ("SerializationException" or "UnknownOperationException" or "MissingAuthenticationTokenException"))
        {
            operation.Errors.Should().Contain(code, $"{operation.Name} may only answer the errors its model lists");
        }
    }

    private static (HttpStatusCode, IReadOnlyDictionary<string, string>, string) Send(HttpClient http, BadRequest bad)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(bad.Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        if (bad.Target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", bad.Target);
        }

        request.Headers.TryAddWithoutValidation("Authorization", Wire.Signature);
        // FsCheck properties are synchronous; the TestServer has no synchronization context to deadlock on.
        using var response = http.SendAsync(request).GetAwaiter().GetResult();
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return (response.StatusCode, headers, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    private static string Export(InProcessCognitoMock mock) =>
        JsonSerializer.Serialize(SeedExporter.Export(mock.Backend.Store), SeedJsonContext.Default.SeedDocument);

    /// <summary>One bad request: its target (null for none), its body, and how it was made, for the failure message.</summary>
    internal sealed record BadRequest(string? Target, byte[] Body, string Kind)
    {
        public override string ToString() =>
            $"{Kind} request to {Target ?? "(no target)"} with {Body.Length} bytes: {Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 200)])}";
    }

    private static Gen<BadRequest> BadRequests() =>
        from target in Targets()
        from made in Gen.OneOf(
            Malformed(), WrongTypes(target), Huge(target), Deep(), InvalidUtf8(target), Nulls(target), UnknownMembers(), Oversized())
        select new BadRequest(target, made.Body, made.Kind);

    private static Gen<string?> Targets() => Gen.Frequency(
        (16, Gen.Elements(Operations).Select(o => (string?)("AWSCognitoIdentityProviderService." + o))),
        (1, Gen.Constant<string?>(null)),
        (1, PrintableText(0, 40).Select(t => (string?)t)),
        (1, Gen.Elements(Operations).Select(o => (string?)o)),
        (1, Gen.Elements(Operations).Select(o => (string?)("DynamoDB_20120810." + o))));

    private static Gen<(byte[] Body, string Kind)> Malformed() => Gen.OneOf(
        PrintableText(0, 100).Select(t => Made(t, "malformed")),
        Gen.Elements("{", "[", "{\"a\":", "{\"UserPoolId\": \"us-east-1_x\"", "{]", "{\"a\" 1}", "nul", "\"text\"", "12", "true", "[]", "{,}")
            .Select(t => Made(t, "malformed")));

    private static Gen<(byte[] Body, string Kind)> WrongTypes(string? target) =>
        from values in Gen.ListOf(AnyJsonValue(2), MemberNames(target).Length)
        select Made(Object(MemberNames(target).Zip(values)), "wrong-types");

    private static Gen<(byte[] Body, string Kind)> Huge(string? target) =>
        from length in Gen.Choose(1_000, 60_000)
        from member in Gen.Elements(MemberNames(target).DefaultIfEmpty("UserPoolId").ToArray())
        select Made(Object([(member, JsonValue.Create(new string('x', length)))]), "huge-string");

    private static Gen<(byte[] Body, string Kind)> Deep() =>
        from depth in Gen.Choose(10, 300)
        from open in Gen.Elements("[", "{\"a\":")
        select Made("{\"UserPoolId\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(open == "[" ? "]" : "}", depth)) + "}", "deep");

    private static Gen<(byte[] Body, string Kind)> InvalidUtf8(string? target) =>
        from member in Gen.Elements(MemberNames(target).DefaultIfEmpty("Username").ToArray())
        from bad in Gen.Elements<byte[]>([0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0xBC], [0xED, 0xA0, 0x80])
        select ((byte[])[.. Encoding.UTF8.GetBytes($"{{\"{member}\":\"a"), .. bad, .. Encoding.UTF8.GetBytes("b\"}")], "invalid-utf8");

    private static Gen<(byte[] Body, string Kind)> Nulls(string? target) =>
        Gen.Constant(Made(Object(MemberNames(target).Select(m => (m, (JsonNode?)null))), "nulls"));

    private static Gen<(byte[] Body, string Kind)> UnknownMembers() =>
        from names in Gen.ListOf(PrintableText(1, 12), 3)
        from values in Gen.ListOf(AnyJsonValue(1), 3)
        select Made(Object(names.Distinct().Zip(values)), "unknown-members");

    private static Gen<(byte[] Body, string Kind)> Oversized() =>
        Gen.Choose(BodyCap + 1, BodyCap * 2).Select(length => Made("{\"UserPoolId\":\"" + new string('y', length) + "\"}", "oversized"));

    private static Gen<JsonNode?> AnyJsonValue(int depth)
    {
        var choices = new List<(int, Gen<JsonNode?>)>
        {
            (3, PrintableText(0, 30).Select(t => (JsonNode?)JsonValue.Create(t))),
            (2, Gen.Choose(-1_000_000, 1_000_000).Select(n => (JsonNode?)JsonValue.Create(n))),
            (1, Gen.Elements(1e300, -0.5, 3.25, long.MaxValue).Select(n => (JsonNode?)JsonValue.Create(n))),
            (1, Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b))),
            (1, Gen.Constant<JsonNode?>(null)),
        };
        if (depth > 0)
        {
            choices.Add((1, Gen.ListOf(AnyJsonValue(depth - 1), 2).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))));
            choices.Add((1, AnyJsonValue(depth - 1).Select(v => (JsonNode?)new JsonObject { ["Name"] = v?.DeepClone(), ["Value"] = "x" })));
        }

        return Gen.Frequency([.. choices]);
    }

    private static Gen<string> PrintableText(int min, int max) =>
        from length in Gen.Choose(min, max)
        from chars in Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c), length)
        select new string(chars);

    private static string[] MemberNames(string? target) =>
        target is not null && target.StartsWith("AWSCognitoIdentityProviderService.", StringComparison.Ordinal)
        && ServiceModel.Cognito.Operations.TryGetValue(target.Split('.')[1], out var operation) && operation.Input is { } input
            ? [.. input.Members.Select(m => m.Name)]
            : ["UserPoolId", "Username"];

    private static byte[] Object(IEnumerable<(string Name, JsonNode? Value)> members)
    {
        var json = new JsonObject();
        foreach (var (name, value) in members)
        {
            json[name] = value?.DeepClone();
        }

        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static (byte[] Body, string Kind) Made(string text, string kind) => (Encoding.UTF8.GetBytes(text), kind);

    private static (byte[] Body, string Kind) Made(byte[] body, string kind) => (body, kind);
}
