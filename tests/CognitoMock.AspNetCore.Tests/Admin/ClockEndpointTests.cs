using System.Net;
using System.Text;
using System.Text.Json.Nodes;
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

    // The fixture insists on a FakeTimeProvider, so the server's AdjustableClock is hosted directly here.
    private static InProcessCognitoMockHost InProcessCognitoMockWithClock(AdjustableClock clock) => new(clock);
}

/// <summary>The mock's app on a TestServer with a clock of the test's choosing.</summary>
internal sealed class InProcessCognitoMockHost : IDisposable
{
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

    public InProcessCognitoMockHost(TimeProvider clock)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.UseTestServer(builder.WebHost);
        builder.Services.AddCognitoMock(new CognitoMockSettings { Clock = clock });
        _app = builder.Build();
        _app.MapCognitoMock();
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public HttpClient CreateClient() => Microsoft.AspNetCore.TestHost.HostBuilderTestServerExtensions.GetTestServer(_app).CreateClient();

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
