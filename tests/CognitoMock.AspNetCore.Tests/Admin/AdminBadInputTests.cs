using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Faults;
using CognitoMock.AspNetCore.Model;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Seeding;
using CognitoMock.Storage;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoMock.AspNetCore.Tests.Admin;

/// <summary>
/// Generated bad requests thrown at the admin endpoints that take input: bodies of POST /_mock/clock,
/// /_mock/faults and /_mock/seed (malformed JSON, wrong kinds, out-of-range numbers and instants, nulls in
/// seeds, unknown members, deep nesting, invalid UTF-8, huge strings) and query strings of GET /_mock/sms.
/// None may get a 5xx; every refusal is a 4xx with a JSON message; a refusal changes neither the state (the
/// export), the clock nor the fault rules; and the mock still serves afterwards.
/// </summary>
public sealed class AdminBadInputTests
{
    private const int BodyCap = 64 * 1024;
    private static readonly string[] Operations = [.. ServiceModel.Cognito.Operations.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Marks a member to leave out, where null is a member given as null.</summary>
    private static readonly JsonNode Absent = JsonValue.Create("(absent)");

    /// <summary>An extra member that is not there.</summary>
    private static readonly (string, JsonNode?) Nothing = ("", Absent);

    [Fact]
    public async Task FourThousandBadAdminRequests_Get4xxJsonMessages_AndChangeNothing()
    {
        var clock = new AdjustableClock();
        using var mock = new InProcessCognitoMockHost(clock, s =>
        {
            s.SeedFiles.Add(SeedFiles.Demo);
            s.MaxRequestBodyBytes = BodyCap;
        });
        var http = mock.CreateClient();
        var faults = mock.Services.GetRequiredService<FaultInjector>();
        var store = mock.Services.GetRequiredService<CognitoBackend>().Store;
        var state = Snapshot(http, store, clock);
        var accepted = 0;

        var property = Prop.ForAll(Arb.From(BadRequests()), request =>
        {
            var (status, contentType, body) = Send(http, request);
            if (status == HttpStatusCode.OK)
            {
                // A generated request may happen to be valid; what it changed is the state from now on.
                accepted += request.Path == "/_mock/sms" ? 0 : 1;
                JsonNode.Parse(body).Should().NotBeNull(request.ToString());
                state = Snapshot(http, store, clock);
                return true;
            }

            ((int)status).Should().BeInRange(400, 499, $"{request} answered {body}");
            contentType.Should().StartWith("application/json", request.ToString());
            JsonNode.Parse(body)!["Message"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(request.ToString());
            Snapshot(http, store, clock).Should().Be(state, $"a refused {request} must change nothing");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(4_000).WithStartSize(1).WithEndSize(100), property);

        accepted.Should().BeLessThan(300, "the generator is meant to produce bad requests");
        faults.Clear();
        (await http.GetAsync("/_mock/sms")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PostAsync("/_mock/clock", new StringContent("""{"AdvanceSeconds": 1}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var call = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent("""{"UserPoolId":"us-east-1_DemoAlias","Username":"alice"}""", Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        call.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminListDevices");
        call.Headers.TryAddWithoutValidation("Authorization", Wire.Signature);
        (await http.SendAsync(call)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>
    /// What a refused request must leave as it was: the state (the export, as GET /_mock/export writes it), the
    /// clock's offset and the fault rules. The export is made here rather than through GET /_mock/export, which
    /// streams users from a LiteDB query across awaits and can leave the query's thread-bound lock behind.
    /// </summary>
    private static string Snapshot(HttpClient http, Store store, AdjustableClock clock) =>
        string.Join("\n", JsonSerializer.Serialize(SeedExporter.Export(store), SeedJsonContext.Default.SeedDocument), clock.Offset.Ticks,
            http.GetStringAsync("/_mock/faults").GetAwaiter().GetResult());

    private static (HttpStatusCode, string?, string) Send(HttpClient http, AdminRequest bad)
    {
        using var request = new HttpRequestMessage(bad.Body is null ? HttpMethod.Get : HttpMethod.Post, bad.Path + bad.Query);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            if (bad.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType);
            }
        }

        // FsCheck properties are synchronous; the TestServer has no synchronization context to deadlock on.
        using var response = http.SendAsync(request).GetAwaiter().GetResult();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary>One bad admin request: POST with a body, or GET (no body) with a query; how it was made, for the failure message.</summary>
    internal sealed record AdminRequest(string Path, string Query, byte[]? Body, string? ContentType, string Kind)
    {
        public override string ToString() => Body is null
            ? $"{Kind}: GET {Path}{Query[..Math.Min(Query.Length, 300)]}"
            : $"{Kind}: POST {Path} ({ContentType ?? "no content type"}) with {Body.Length} bytes: {Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 300)])}";
    }

    private static Gen<AdminRequest> BadRequests() => Gen.OneOf(
        Post("/_mock/clock", Gen.OneOf(Common(["Now", "AdvanceSeconds"]), ClockChanges())),
        Post("/_mock/faults", Gen.OneOf(Common(["Operation", "Fault", "Probability", "OnCall", "FirstCalls", "LatencyMilliseconds"]), FaultRules())),
        Post("/_mock/seed", Gen.OneOf(Common(["UserPools"]), Seeds(), Seeds())),
        SmsQueries());

    private static Gen<AdminRequest> Post(string path, Gen<(byte[] Body, string Kind)> bodies) =>
        from made in bodies
        from contentType in Gen.Elements<string?>("application/json", "application/json; charset=utf-8", "text/plain", "application/x-amz-json-1.1", null)
        select new AdminRequest(path, "", made.Body, contentType, made.Kind);

    /// <summary>What any JSON body can get wrong, whatever the endpoint.</summary>
    private static Gen<(byte[] Body, string Kind)> Common(string[] members) => Gen.OneOf(
        PrintableText(0, 100).Select(t => Made(t, "malformed")),
        Gen.Elements("", "{", "[", "{\"a\":", "{]", "{\"a\" 1}", "nul", "\"text\"", "12", "true", "null", "[]", "[{}]", "{,}", "{\"Now\":1e400}",
            "{\"AdvanceSeconds\":1e400}", "{\"Probability\":-1e400}", "{} {}", "{\"a\":1,}").Select(t => Made(t, "malformed")),
        from values in Gen.ListOf(AnyJsonValue(2), members.Length)
        select Made(Object(members.Zip(values)), "wrong-types"),
        from names in Gen.ListOf(PrintableText(1, 12), 3)
        from values in Gen.ListOf(AnyJsonValue(1), 3)
        select Made(Object(names.Distinct().Zip(values)), "unknown-members"),
        from depth in Gen.Choose(10, 300)
        from open in Gen.Elements("[", "{\"a\":")
        from member in Gen.Elements(members)
        select Made($"{{\"{member}\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(open == "[" ? "]" : "}", depth)) + "}", "deep"),
        from member in Gen.Elements(members)
        from bad in Gen.Elements<byte[]>([0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0xBC], [0xED, 0xA0, 0x80])
        select ((byte[])[.. Encoding.UTF8.GetBytes($"{{\"{member}\":\"a"), .. bad, .. Encoding.UTF8.GetBytes("b\"}")], "invalid-utf8"),
        from length in Gen.Choose(1_000, 60_000)
        from member in Gen.Elements(members)
        select Made(Object([(member, JsonValue.Create(new string('x', length)))]), "huge-string"),
        Gen.Choose(BodyCap + 1, BodyCap * 2).Select(length => Made("{\"Operation\":\"" + new string('y', length) + "\"}", "oversized")));

    private static Gen<(byte[] Body, string Kind)> ClockChanges() =>
        from now in Maybe(Gen.OneOf(
            Gen.Elements("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "9000-01-01T00:00:01Z", "2030-01-01T00:00:00+14:00",
                "2030-13-01T00:00:00Z", "yesterday", "", "NaN").Select(t => (JsonNode?)JsonValue.Create(t)),
            AnyJsonValue(1)))
        from advance in Maybe(Gen.OneOf(
            Gen.Elements(1e308, -1e308, 5e-324, 3.2e11, -3.2e11, 2.3e11, 9.3e11, long.MaxValue, -60.0).Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Elements("NaN", "Infinity", "-Infinity", "60").Select(t => (JsonNode?)JsonValue.Create(t)),
            AnyJsonValue(1)))
        select Made(Object(Present(("Now", now), ("AdvanceSeconds", advance))), "clock-change");

    private static Gen<(byte[] Body, string Kind)> FaultRules() =>
        from operation in Maybe(Gen.OneOf(
            Gen.Elements(Operations).Select(o => (JsonNode?)JsonValue.Create(o)),
            Gen.Elements("*", "", "adminGetUser", "AdminGetUsr", "**", " AdminGetUser").Select(o => (JsonNode?)JsonValue.Create(o)),
            AnyJsonValue(1)))
        from fault in Maybe(Gen.OneOf(
            Gen.Elements("TooManyRequests", "InternalError", "Latency", "latency", "Slow", "").Select(f => (JsonNode?)JsonValue.Create(f)),
            Gen.Elements(0, 1, 2, 3, 7, -1).Select(f => (JsonNode?)JsonValue.Create(f))))
        from probability in Maybe(Gen.OneOf(
            Gen.Elements(-0.1, 0, 0.5, 1, 1.0000001, 1e308, -1e308).Select(p => (JsonNode?)JsonValue.Create(p)),
            Gen.Elements("NaN", "Infinity", "0.5").Select(p => (JsonNode?)JsonValue.Create(p))))
        from onCall in Maybe(Counts())
        from firstCalls in Maybe(Counts())
        from latency in Maybe(Gen.Elements(-1L, 0L, 1L, 60_000L, 60_001L, 10_000_000_000L).Select(l => (JsonNode?)JsonValue.Create(l)))
        select Made(Object(Present(("Operation", operation), ("Fault", fault), ("Probability", probability), ("OnCall", onCall),
            ("FirstCalls", firstCalls), ("LatencyMilliseconds", latency))), "fault-rule");

    private static Gen<JsonNode?> Counts() => Gen.OneOf(
        Gen.Elements(0L, 1L, -1L, int.MaxValue, 2_147_483_648L).Select(c => (JsonNode?)JsonValue.Create(c)),
        Gen.Elements<JsonNode?>(JsonValue.Create(1.5), JsonValue.Create("3"), null));

    /// <summary>Where a generated seed goes wrong: the document, or one kind of entry in it.</summary>
    private enum SeedFault
    {
        Document,
        Pool,
        Client,
        User,
        Device,
    }

    /// <summary>
    /// Seed documents that go wrong at one depth (nulls, wrong kinds, values the model refuses, unknown members) and
    /// are good everywhere else, so that a bad user or device is reached as often as a bad pool.
    /// </summary>
    private static Gen<(byte[] Body, string Kind)> Seeds() =>
        from fault in Gen.Elements(Enum.GetValues<SeedFault>())
        from pools in fault == SeedFault.Document
            ? Gen.Elements<JsonNode?>(null, JsonValue.Create("x"), new JsonObject(), new JsonArray(), new JsonArray((JsonNode?)null), JsonValue.Create(1))
            : ListOf(SeedPool(fault), bad: fault == SeedFault.Pool)
        select Made(Object([("UserPools", pools)]), $"seed (bad {fault})");

    private static Gen<JsonNode?> SeedPool(SeedFault fault)
    {
        var bad = fault == SeedFault.Pool;
        return
            from id in Gen.Choose(0, 99_999).Select(n => $"us-east-1_Fuzz{n}")
            from idValue in Field(bad, id, ["us-east-1_DemoAlias", "no-underscore", ""])
            from name in Field(bad, "pool", ["", "slash/ed", new string('n', 129)])
            from clients in ListOf(SeedClient(fault), bad)
            from users in ListOf(SeedUser(fault), bad)
            from extra in Extra(bad, ("AliasAttributes", """["email","nope"]"""), ("AliasAttributes", "[null]"), ("AliasAttributes", "\"email\""),
                ("Schema", "[null]"), ("Schema", "[{}]"), ("Schema", """[{"Name":"plan","AttributeDataType":"Blob","StringAttributeConstraints":{"MaxLength":"x"}}]"""),
                ("UserPoolTags", """{"a":null}"""), ("Policies", """{"PasswordPolicy":{"MinimumLength":1e10}}"""), ("Policies", """{"PasswordPolicy":null}"""),
                ("MfaConfiguration", "\"SOMETIMES\""), ("CreationDate", "\"0001-01-01T00:00:00+05:00\""), ("LambdaConfig", """{"CustomSMSSender":{}}"""),
                ("UsernameAttributes", """["email"]"""), ("Unknown", "1"), ("DeviceConfiguration", "null"))
            select (JsonNode?)ObjectNode(Present(("Id", idValue), ("Name", name), ("Clients", clients), ("Users", users), extra));
    }

    private static Gen<JsonNode?> SeedClient(SeedFault fault)
    {
        var bad = fault == SeedFault.Client;
        return
            from id in Gen.Choose(0, 99_999).Select(n => $"fuzzclient{n}")
            from idValue in Field(bad, id, ["bad id!", "", "demoaliasweb00000000000001"])
            from name in Field(bad, "web", ["", "a/b", new string('c', 129)])
            from extra in Extra(bad, ("ExplicitAuthFlows", "[null]"), ("ExplicitAuthFlows", """["ADMIN_NO_SRP_AUTH","ALLOW_USER_SRP_AUTH"]"""),
                ("ExplicitAuthFlows", """["bad"]"""), ("AccessTokenValidity", "1e308"), ("AccessTokenValidity", "0"),
                ("TokenValidityUnits", """{"AccessToken":"years"}"""), ("CallbackURLs", "[null]"), ("ReadAttributes", """["nope"]"""),
                ("ClientSecret", "\"short\""), ("GenerateSecret", "\"yes\""), ("RefreshTokenValidity", "-1"), ("AuthSessionValidity", "99"), ("Unknown", "null"))
            select (JsonNode?)ObjectNode(Present(("ClientId", idValue), ("ClientName", name), extra));
    }

    private static Gen<JsonNode?> SeedUser(SeedFault fault)
    {
        var bad = fault == SeedFault.User;
        return
            from name in Gen.Choose(0, 99_999).Select(n => $"user{n}")
            from nameValue in Field(bad, name, ["", "has space", new string('u', 129)])
            from password in Field(bad, "Passw0rd!", ["", "a b", new string('p', 300)])
            from devices in ListOf(SeedDevice(fault), bad)
            from extra in Extra(bad, ("Attributes", "[null]"), ("Attributes", """[{"Name":null,"Value":"x"}]"""),
                ("Attributes", """[{"Name":"email","Value":"a@example.com"},{"Name":"email_verified","Value":"maybe"}]"""),
                ("Attributes", """[{"Name":"sub","Value":"not-a-uuid"}]"""), ("Attributes", """[{"Name":"phone_number","Value":null}]"""),
                ("UserStatus", "\"nope\""), ("UserMFASettingList", "[null]"), ("UserMFASettingList", """["SMS_MFA"]"""), ("SoftwareTokenSecret", "\"!!!!\""),
                ("UserCreateDate", "\"9999-12-31T23:59:59-05:00\""), ("UserCreateDate", "\"0001-01-01T00:00:00+05:00\""),
                ("PasswordVerifier", """{"Hash":"x"}"""), ("PreferredMfaSetting", "\"SMS_MFA\""), ("Enabled", "\"yes\""), ("Unknown", "null"))
            select (JsonNode?)ObjectNode(Present(("Username", nameValue), ("Password", password), ("Devices", devices), extra));
    }

    private static Gen<JsonNode?> SeedDevice(SeedFault fault)
    {
        var bad = fault == SeedFault.Device;
        return
            from name in Field(bad, "phone", ["", new string('d', 1025)])
            from key in Field(bad, "us-east-1_0000aaaa-0000-4000-8000-000000000001", ["us-east-1_NOTHEX", ""])
            from keyGiven in Gen.Elements(true, false)
            from extra in Extra(bad, ("RememberedStatus", "\"sometimes\""), ("DeviceSecret", "\"\""), ("DeviceSecretVerifierConfig", """{"PasswordVerifier":null}"""),
                ("DeviceCreateDate", "\"0001-01-01T00:00:00+05:00\""), ("DeviceLastAuthenticatedDate", "\"9999-12-31T23:59:59-05:00\""),
                ("LastIpUsed", $"\"{new string('1', 2049)}\""), ("Unknown", "null"))
            select (JsonNode?)ObjectNode(Present(("DeviceName", name), ("DeviceKey", keyGiven || bad ? key : Absent), extra));
    }

    /// <summary>The good value; in an entry meant to be bad, now and then one the loader must refuse, or any JSON value.</summary>
    private static Gen<JsonNode?> Field(bool bad, string good, string[] refused) => bad
        ? Gen.Frequency(
            (4, Gen.Constant(good).Select(g => (JsonNode?)JsonValue.Create(g))),
            (2, Gen.Elements(refused).Select(r => (JsonNode?)JsonValue.Create(r))),
            (1, AnyJsonValue(1)))
        : Gen.Constant(good).Select(g => (JsonNode?)JsonValue.Create(g));

    /// <summary>In an entry meant to be bad, one member of these (JSON text) or none; in a good one, none.</summary>
    private static Gen<(string, JsonNode?)> Extra(bool bad, params (string Name, string Json)[] members) => bad
        ? Gen.Frequency(
            (1, Gen.Constant<(string, JsonNode?)>(Nothing)),
            (3, Gen.Elements(members).Select(m => (m.Name, JsonNode.Parse(m.Json)))))
        : Gen.Constant<(string, JsonNode?)>(Nothing);

    /// <summary>Query strings for GET /_mock/sms: unknown, repeated, empty, huge and badly encoded parameters.</summary>
    private static Gen<AdminRequest> SmsQueries() =>
        from count in Gen.Choose(0, 4)
        from parts in Gen.ListOf(Gen.OneOf(
            from key in Gen.Elements("userPoolId", "username", "USERNAME", "userpoolid", "user", "", "x")
            from value in Gen.OneOf(PrintableText(0, 20).Select(Uri.EscapeDataString), Gen.Elements("%", "%zz", "%C3%28", "%00", "+", "%FF%FE", new string('v', 10_000)))
            select $"{key}={value}",
            Gen.Elements("", "=", "&", "==", "userPoolId", "%", "a=b=c")), count)
        select new AdminRequest("/_mock/sms", count == 0 ? "" : "?" + string.Join("&", parts), null, null, "sms-query");

    private static Gen<JsonNode?> Maybe(Gen<JsonNode?> value) => Gen.Frequency((3, value), (1, Gen.Constant<JsonNode?>(Absent)));

    /// <summary>One or two entries, so the bad one is reached; in a parent meant to be bad, now and then a list with a null, or not a list.</summary>
    private static Gen<JsonNode?> ListOf(Gen<JsonNode?> entry, bool bad) => Gen.Frequency(
        (4, Gen.Choose(1, 2).SelectMany(n => Gen.ListOf(entry, n)).Select(e => (JsonNode?)new JsonArray([.. e.Select(x => x?.DeepClone())]))),
        (bad ? 1 : 0, Gen.Elements<JsonNode?>(new JsonArray((JsonNode?)null), new JsonObject(), JsonValue.Create(3), null)));

    private static IEnumerable<(string, JsonNode?)> Present(params (string Name, JsonNode? Value)[] members) =>
        members.Where(m => !ReferenceEquals(m.Value, Absent));

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

    private static JsonObject ObjectNode(IEnumerable<(string Name, JsonNode? Value)> members)
    {
        var json = new JsonObject();
        foreach (var (name, value) in members)
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }

    private static byte[] Object(IEnumerable<(string Name, JsonNode? Value)> members) => Encoding.UTF8.GetBytes(ObjectNode(members).ToJsonString());

    private static (byte[] Body, string Kind) Made(string text, string kind) => (Encoding.UTF8.GetBytes(text), kind);

    private static (byte[] Body, string Kind) Made(byte[] body, string kind) => (body, kind);
}
