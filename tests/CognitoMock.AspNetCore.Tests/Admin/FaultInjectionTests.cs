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
        mock.Faults.Add(new FaultRule { Operation = "*", Fault = FaultKind.InternalError, FirstCalls = 2 });

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
        mock.Faults.Add(new FaultRule { Operation = "AdminListDevices", Fault = FaultKind.TooManyRequests, Probability = probability });

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
        mock.Faults.Add(new FaultRule { Operation = "AdminListDevices", Fault = FaultKind.TooManyRequests, Probability = 0.5 });

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

        mock.Faults.Add(new FaultRule { Operation = "AdminListDevices", Fault = FaultKind.TooManyRequests });
        (await http.DeleteAsync("/_mock/faults")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await wire.CallAsync("AdminListDevices", ListAlice)).ShouldBeOk();
        (await http.PostAsync("/_mock/faults", Json("""{"Operation":"AdminListDevices","Probability":2}"""))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.PostAsync("/_mock/faults", Json("not json"))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a body that does not bind is the caller's error");
        (await http.PostAsync("/_mock/clock", Json("""{"AdvanceSeconds":"soon"}"""))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{}""", "Operation")]
    [InlineData("""{"Fault":"TooManyRequests"}""", "Operation")]
    [InlineData("""{"Operation":"AdminListDevices"}""", "Fault")]
    [InlineData("""{"Operation":null,"Fault":"TooManyRequests"}""", "Operation")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","Probabilty":0.5}""", "Probabilty")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","Probability":"NaN"}""", "Probability")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","Probability":"Infinity"}""", "Probability")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","Probability":1.5}""", "Probability")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","Probability":-0.1}""", "Probability")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","OnCall":0}""", "OnCall")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","OnCall":1e10}""", "OnCall")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"TooManyRequests","FirstCalls":0}""", "FirstCalls")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"Latency","LatencyMilliseconds":-1}""", "LatencyMilliseconds")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"Latency","LatencyMilliseconds":60001}""", "LatencyMilliseconds")]
    [InlineData("""{"Operation":"AdminListDevice","Fault":"TooManyRequests"}""", "Operation")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":"Slow"}""", "Fault")]
    [InlineData("""{"Operation":"AdminListDevices","Fault":7}""", "Fault")]
    [InlineData("""[{"Operation":"AdminListDevices","Fault":"TooManyRequests"}]""", "Operation")]
    [InlineData("""not json""", "JSON")]
    [InlineData("", "JSON")]
    public async Task ABadRule_IsRefusedWithAMessageNamingTheMember_AndNothingIsInstalled(string body, string member)
    {
        using var mock = Demo();
        var http = mock.CreateClient();

        var response = await http.PostAsync("/_mock/faults", Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Message"]!.GetValue<string>();
        message.Should().Contain(member);
        mock.Faults.Rules.Should().BeEmpty();
        (await http.GetAsync("/_mock/faults")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await new Wire(mock).CallAsync("AdminListDevices", ListAlice)).ShouldBeOk();
    }

    [Theory]
    [InlineData("AdminListDevice", 1.0, null, null, 0, "Operation")]
    [InlineData("", 1.0, null, null, 0, "Operation")]
    [InlineData(null, 1.0, null, null, 0, "Operation")]
    [InlineData("AdminListDevices", double.NaN, null, null, 0, "Probability")]
    [InlineData("AdminListDevices", double.PositiveInfinity, null, null, 0, "Probability")]
    [InlineData("AdminListDevices", 1.0, 0, null, 0, "OnCall")]
    [InlineData("AdminListDevices", 1.0, null, 0, 0, "FirstCalls")]
    [InlineData("AdminListDevices", 1.0, null, -3, 0, "FirstCalls")]
    [InlineData("AdminListDevices", 1.0, null, null, 60_001, "LatencyMilliseconds")]
    public void InProcess_ABadRule_IsAnArgumentException_AndNothingIsInstalled(string? operation, double probability, int? onCall, int? firstCalls, int latency, string member)
    {
        using var mock = Demo();

        var add = () => mock.Faults.Add(new FaultRule
        {
            Operation = operation!, Fault = FaultKind.Latency, Probability = probability, OnCall = onCall, FirstCalls = firstCalls, LatencyMilliseconds = latency,
        });

        add.Should().Throw<ArgumentException>().Which.Message.Should().Contain(member);
        mock.Faults.Rules.Should().BeEmpty();
    }

    [Fact]
    public void InProcess_AnUndefinedFault_IsAnArgumentException()
    {
        using var mock = Demo();

        var add = () => mock.Faults.Add(new FaultRule { Operation = "*", Fault = (FaultKind)7 });

        add.Should().Throw<ArgumentException>().Which.Message.Should().Contain("Fault");
        mock.Faults.Rules.Should().BeEmpty();
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
