using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Admin;

/// <summary>/_mock/clock: the standalone server's clock is moved over HTTP; an in-process mock's is its Clock property.</summary>
public sealed class ClockEndpointTests
{
    [Fact]
    public async Task AnAdjustableClock_IsReadAndMovedThroughTheEndpoint()
    {
        var clock = new AdjustableClock();
        using var mock = InProcessCognitoMockWithClock(clock);
        var http = mock.CreateClient();

        var moved = await http.PostAsync("/_mock/clock", new StringContent("""{"AdvanceSeconds": 7200}""", Encoding.UTF8, "application/json"));

        moved.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await moved.Content.ReadAsStringAsync())!["OffsetSeconds"]!.GetValue<double>().Should().Be(7200);
        clock.Offset.Should().Be(TimeSpan.FromHours(2));
        var set = await http.PostAsync("/_mock/clock", new StringContent("""{"Now": "2030-01-01T00:00:00Z"}""", Encoding.UTF8, "application/json"));
        DateTimeOffset.Parse(JsonNode.Parse(await set.Content.ReadAsStringAsync())!["Now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AFakeClock_IsNotMovedThroughTheEndpoint()
    {
        using var mock = InProcessCognitoMock.Start();

        var response = await mock.CreateClient().PostAsync("/_mock/clock", new StringContent("""{"AdvanceSeconds": 60}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Message"]!.GetValue<string>().Should().Contain("an in-process mock's clock is its Clock property");
    }

    [Theory]
    [InlineData("""{"Now": "9999-12-31T23:59:59Z"}""", "Now")]
    [InlineData("""{"Now": "1969-12-31T23:59:59Z"}""", "Now")]
    [InlineData("""{"AdvanceSeconds": 1e308}""", "AdvanceSeconds")]
    [InlineData("""{"AdvanceSeconds": -1e308}""", "AdvanceSeconds")]
    [InlineData("""{"AdvanceSeconds": "NaN"}""", "AdvanceSeconds")]
    [InlineData("""{"AdvanceSeconds": "Infinity"}""", "AdvanceSeconds")]
    [InlineData("""{"AdvanceSeconds": 315360000000}""", "AdvanceSeconds")]
    [InlineData("""{"Now": "2030-01-01T00:00:00Z", "AdvanceSeconds": 1e308}""", "AdvanceSeconds")]
    [InlineData("""{"Now": "8999-12-31T00:00:00Z", "AdvanceSeconds": 172800}""", "AdvanceSeconds")]
    public async Task AnInstantOrDurationOutOfRange_IsRefusedWithAMessage_AndChangesNothing(string body, string member)
    {
        var clock = new AdjustableClock();
        using var mock = InProcessCognitoMockWithClock(clock);
        var http = mock.CreateClient();
        await http.PostAsync("/_mock/clock", Json("""{"AdvanceSeconds": 60}"""));

        var response = await http.PostAsync("/_mock/clock", Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Message"]!.GetValue<string>().Should().Contain(member);
        clock.Offset.Should().Be(TimeSpan.FromSeconds(60), "a refused change changes nothing, not even its valid half");
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("9000-01-01T00:00:00Z")]
    public async Task AtEitherEndOfTheRange_TokensAreStillIssued(string now)
    {
        var clock = new AdjustableClock();
        using var mock = InProcessCognitoMockWithClock(clock, SeedFiles.Demo);
        var http = mock.CreateClient();

        (await http.PostAsync("/_mock/clock", Json($$"""{"Now": "{{now}}"}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent("""
                {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "demoaliasweb00000000000001", "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Passw0rd!"}}
                """, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        signIn.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth");
        var response = await http.SendAsync(signIn);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    // The fixture insists on a FakeTimeProvider, so the server's AdjustableClock is hosted directly here.
    private static InProcessCognitoMockHost InProcessCognitoMockWithClock(AdjustableClock clock, string? seedFile = null) =>
        new(clock, s => s.SeedFiles.AddRange(seedFile is null ? [] : [seedFile]));
}

/// <summary>The mock's app on a TestServer with a clock of the test's choosing.</summary>
internal sealed class InProcessCognitoMockHost : IDisposable
{
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

    public InProcessCognitoMockHost(TimeProvider clock, Action<CognitoMockSettings>? configure = null)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.UseTestServer(builder.WebHost);
        var settings = new CognitoMockSettings { Clock = clock };
        configure?.Invoke(settings);
        builder.Services.AddCognitoMock(settings);
        _app = builder.Build();
        _app.MapCognitoMock();
        CognitoMockStartup.Seed(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CognitoBackend>(_app.Services), settings);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public IServiceProvider Services => _app.Services;

    public HttpClient CreateClient() => Microsoft.AspNetCore.TestHost.HostBuilderTestServerExtensions.GetTestServer(_app).CreateClient();

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
