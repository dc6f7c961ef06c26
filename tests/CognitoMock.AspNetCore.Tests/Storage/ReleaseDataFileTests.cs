using System.Globalization;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CognitoMock.AspNetCore.Tests.Storage;

/// <summary>
/// A data file written by the release before the store kept domain records (a35d157, Data/make-release-file.py)
/// opens and serves as that release served it: the same answers, its passwords, its refresh tokens, its devices
/// and its open Session.
/// </summary>
public sealed class ReleaseDataFileTests : IDisposable
{
    private static readonly JsonObject Recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "release-a35d157.json")))!.AsObject();

    private readonly string _folder = Directory.CreateTempSubdirectory("release-file").FullName;
    private readonly InProcessCognitoMock _mock;
    private readonly Wire _wire;

    public ReleaseDataFileTests()
    {
        // A copy: opening a file writes to it.
        var path = Path.Combine(_folder, "release.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "release-a35d157.db"), path);
        // A minute after dan's Session was opened, so it is still open.
        var opened = DateTimeOffset.Parse(Recorded["SessionOpenedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        _mock = InProcessCognitoMock.Start(s =>
        {
            s.DataPath = path;
            s.Clock = new FakeTimeProvider(opened.AddMinutes(1));
        });
        _wire = new Wire(_mock);
    }

    private static string Fact(string name) => Recorded["Facts"]![name]!.GetValue<string>();

    private static JsonNode Response(string name) => Recorded["Responses"]![name]!;

    [Theory]
    [InlineData("DescribeUserPool", "DescribeUserPool", """{"UserPoolId":"$pool"}""")]
    [InlineData("DescribeUserPoolClient", "DescribeUserPoolClient", """{"UserPoolId":"$pool","ClientId":"$client"}""")]
    [InlineData("DescribeUserPoolClientSecret", "DescribeUserPoolClient", """{"UserPoolId":"$pool","ClientId":"$secretClient"}""")]
    [InlineData("AdminGetUserCarol", "AdminGetUser", """{"UserPoolId":"$pool","Username":"caz"}""")]
    [InlineData("AdminListDevicesCarol", "AdminListDevices", """{"UserPoolId":"$pool","Username":"carol@example.com"}""")]
    [InlineData("GetUserPoolMfaConfig", "GetUserPoolMfaConfig", """{"UserPoolId":"$pool"}""")]
    [InlineData("DescribeDemoPool", "DescribeUserPool", """{"UserPoolId":"us-east-1_DemoAlias"}""")]
    [InlineData("AdminGetUserAlice", "AdminGetUser", """{"UserPoolId":"us-east-1_DemoAlias","Username":"alice"}""")]
    public async Task EveryRecordedAnswer_IsAnsweredAsTheOldReleaseAnsweredIt(string recorded, string operation, string body)
    {
        var request = body.Replace("$pool", Fact("pool"), StringComparison.Ordinal)
            .Replace("$client", Fact("client"), StringComparison.Ordinal)
            .Replace("$secretClient", Fact("secretClient"), StringComparison.Ordinal);

        var response = await _wire.SendAsync($"AWSCognitoIdentityProviderService.{operation}", request);

        response.ShouldBeOk();
        JsonNode.DeepEquals(response.Json, Response(recorded)).Should().BeTrue($"{operation} answered {response.Text}, where the old release answered {Response(recorded).ToJsonString()}");
    }

    [Fact]
    public async Task ItsUsersSignInWithTheirPasswords_AndItsRefreshTokensAndOpenSessionStillWork()
    {
        var carol = await _wire.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = Fact("pool"),
            ClientId = Fact("client"),
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new { USERNAME = "carol@example.com", PASSWORD = "Passw0rd!Legacy" },
        });
        carol.ShouldBeOk();

        var refreshed = await _wire.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = Fact("pool"),
            ClientId = Fact("client"),
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new { REFRESH_TOKEN = Fact("carolRefresh"), DEVICE_KEY = Fact("carolDevice") },
        });
        refreshed.ShouldBeOk();
        refreshed.Json["AuthenticationResult"]!["AccessToken"].Should().NotBeNull();
        (await _wire.CallAsync("ListDevices", new { AccessToken = SignInFlows.AccessToken(refreshed) }, signed: false))
            .Json["Devices"]!.AsArray().Select(d => d!["DeviceKey"]!.GetValue<string>()).Should().Equal(Fact("carolDevice"));

        var dan = await _wire.CallAsync("AdminRespondToAuthChallenge", new
        {
            UserPoolId = Fact("pool"),
            ClientId = Fact("client"),
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = Fact("danSession"),
            ChallengeResponses = new { USERNAME = "dan", NEW_PASSWORD = "Brand-new-Passw0rd" },
        });
        dan.ShouldBeOk();
        dan.Json["AuthenticationResult"]!["IdToken"].Should().NotBeNull();
    }

    [Fact]
    public void TheFileKeepsEveryInvariant_AfterItServed()
    {
        _mock.Backend.Store.CheckInvariants().Problems.Should().BeEmpty();
    }

    public void Dispose()
    {
        _mock.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
