using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Faults;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Admin;

/// <summary>Faults for users' own resilience tests, set in the fixture or through /_mock/faults.</summary>
public sealed class FaultInjectionTests
{
    private static readonly object ListAlice = new { UserPoolId = "us-east-1_DemoAlias", Username = "alice" };

    [Fact]
    public async Task ThrottlingOnTheNthCall_HitsThatCallOnly_AndOnlyThatOperation()
    {
        using var mock = Demo();
        var wire = new Wire(mock);
        mock.Faults.Add(new FaultRule { Operation = "AdminListDevices", Fault = FaultKind.TooManyRequests, OnCall = 2 });

        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeOk();
        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeError("TooManyRequestsException", "Rate exceeded");
        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeOk();
        (await wire.CallAsync("AdminGetDevice", new { UserPoolId = "us-east-1_DemoAlias", Username = "alice", DeviceKey = "us-east-1_00000000-0000-4000-8000-000000000000" }))
            .ShouldBeError("ResourceNotFoundException", "Device does not exist.");
    }

    [Fact]
    public async Task AnInternalError_IsA500_ForTheFirstCalls()
    {
        using var mock = Demo();
        var wire = new Wire(mock);
        mock.Faults.Add(new FaultRule { Fault = FaultKind.InternalError, FirstCalls = 2 });

        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeError("InternalErrorException", "An internal error occurred (injected by CognitoMock).", HttpStatusCode.InternalServerError);
        (await wire.CallAsync("AdminListDevices", ListAlice)).Status.Should().Be(HttpStatusCode.InternalServerError);
        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeOk();
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 20)]
    public async Task AProbability_OfNoneOrAll(double probability, int expectedThrottled)
    {
        using var mock = Demo();
        var wire = new Wire(mock);
        mock.Faults.Add(new FaultRule { Operation = "AdminListDevices", Probability = probability });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await wire.CallAsync("AdminListDevices", ListAlice)).Status);
        }

        statuses.Count(s => s == HttpStatusCode.BadRequest).Should().Be(expectedThrottled);
    }

    [Fact]
    public async Task AHalfProbability_ThrottlesSomeCallsAndNotOthers()
    {
        using var mock = Demo();
        var wire = new Wire(mock);
        mock.Faults.Add(new FaultRule { Operation = "AdminListDevices", Probability = 0.5 });

        var throttled = 0;
        for (var i = 0; i < 60; i++)
        {
            throttled += (await wire.CallAsync("AdminListDevices", ListAlice)).Status == HttpStatusCode.BadRequest ? 1 : 0;
        }

        throttled.Should().BeInRange(10, 50, "60 fair coin flips land outside 10..50 with a chance below one in a million");
    }

    [Fact]
    public async Task Latency_DelaysTheAnswer_WhichStillSucceeds()
    {
        using var mock = Demo();
        var wire = new Wire(mock);
        mock.Faults.Add(new FaultRule { Operation = "AdminListDevices", Fault = FaultKind.Latency, LatencyMilliseconds = 300 });

        var watch = Stopwatch.StartNew();
        var response = await wire.CallAsync("AdminListDevices", ListAlice);

        response.ShouldBeOk();
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task TheAdminEndpoint_SetsListsAndClearsFaults()
    {
        using var mock = Demo();
        var http = mock.CreateClient();
        var wire = new Wire(mock);

        var set = await http.PostAsync("/_mock/faults", Json("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","FirstCalls":1}"""));
        set.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await http.GetStringAsync("/_mock/faults"))!.AsArray().Single()!["Rule"]!["Fault"]!.GetValue<string>().Should().Be("TooManyRequests");
        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeError("TooManyRequestsException", "Rate exceeded");
        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeOk();
        (await wire.CallAsync("AdminGetUser", new { UserPoolId = "us-east-1_DemoAlias", Username = "alice" })).ShouldBeOk();
        var status = JsonNode.Parse(await http.GetStringAsync("/_mock/faults"))!.AsArray().Single()!;
        (status["Calls"]!.GetValue<int>(), status["Hits"]!.GetValue<int>()).Should().Be((2, 1), "two calls of its operation, the first hit");

        mock.Faults.Add(new FaultRule { Operation = "AdminListDevices" });
        (await http.DeleteAsync("/_mock/faults")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeOk();
        (await http.PostAsync("/_mock/faults", Json("""{"Operation":"AdminListDevices","Probability":2}"""))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.PostAsync("/_mock/faults", Json("not json"))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a body that does not bind is the caller's error");
        (await http.PostAsync("/_mock/clock", Json("""{"AdvanceSeconds":"soon"}"""))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WithAnAdminToken_TheAdminEndpointsAnswerOnlyWithIt()
    {
        using var mock = InProcessCognitoMock.Start(s => s.AdminToken = "s3cret");
        var http = mock.CreateClient();

        (await http.GetAsync("/_mock/clock")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.PostAsync("/_mock/reset", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_mock/clock");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer s3cret");
        (await http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Bearer s3cret", HttpStatusCode.OK)]
    [InlineData("Bearer s3creT", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer s3cre", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer s3cret-and-more", HttpStatusCode.Unauthorized)]
    [InlineData("bearer s3cret", HttpStatusCode.Unauthorized)]
    public async Task TheAdminToken_IsCompared_WholeAndExactly(string authorization, HttpStatusCode status)
    {
        using var mock = InProcessCognitoMock.Start(s => s.AdminToken = "s3cret");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_mock/clock");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        (await mock.CreateClient().SendAsync(request)).StatusCode.Should().Be(status);
    }

    [Fact]
    public async Task TheAdminEndpoints_CanBeTurnedOff()
    {
        using var mock = InProcessCognitoMock.Start(s => s.AdminEndpoints = false);

        (await mock.CreateClient().PostAsync("/_mock/reset", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static InProcessCognitoMock Demo() => InProcessCognitoMock.Start(s => s.SeedFiles.Add(SeedFiles.Demo));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
