using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using CognitoMock.Testing.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CognitoMock.Testing.Tests;

public sealed class InProcessCognitoMockTests
{
    private static readonly string Demo = Path.Combine(AppContext.BaseDirectory, "seed-data", "demo.json");
    private const string ListAlice = """{"UserPoolId":"us-east-1_DemoAlias","Username":"alice"}""";

    [Fact]
    public async Task ConfigureClient_RoutesTheAwsSdkPipelineThroughTheMockInMemory()
    {
        using var mock = InProcessCognitoMock.Start(s => s.SeedFiles.Add(Demo));
        var config = new MiniCognitoConfig();
        mock.ConfigureClient(config);
        using var client = new MiniCognitoClient(config);

        var response = await client.CallAsync("AdminListDevices", ListAlice);

        response.HttpStatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(response.Json)!["Devices"]!.AsArray().Should().HaveCount(3);
        config.ServiceURL.Should().Be(mock.BaseUrl.ToString());
    }

    [Fact]
    public async Task ConfigureClient_TheSdkParsesTheMocksErrorsIntoItsOwnException()
    {
        using var mock = InProcessCognitoMock.Start(s => s.SeedFiles.Add(Demo));
        var config = new MiniCognitoConfig();
        mock.ConfigureClient(config);
        using var client = new MiniCognitoClient(config);

        var act = () => client.CallAsync("AdminListDevices", """{"UserPoolId":"us-east-1_DemoAlias","Username":"nobody"}""");

        var error = (await act.Should().ThrowAsync<AmazonServiceException>()).Which;
        error.ErrorCode.Should().Be("UserNotFoundException");
        error.Message.Should().Be("User does not exist.");
        error.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Guid.TryParse(error.RequestId, out _).Should().BeTrue();
    }

    [Fact]
    public async Task CreateClientAndCreateHandler_BothReachTheMock()
    {
        using var mock = InProcessCognitoMock.Start(s => s.SeedFiles.Add(Demo));
        using var viaHandler = new HttpClient(mock.CreateHandler()) { BaseAddress = mock.BaseUrl };

        foreach (var http in new[] { mock.CreateClient(), viaHandler })
        {
            using var response = await http.SendAsync(ListDevices(ListAlice));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Reset_EmptiesTheState()
    {
        using var mock = InProcessCognitoMock.Start(s => s.SeedFiles.Add(Demo));

        mock.Reset();

        using var response = await mock.CreateClient().SendAsync(ListDevices(ListAlice));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("User pool us-east-1_DemoAlias does not exist.");
        mock.Backend.Store.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void TwoMocks_DoNotShareState()
    {
        using var seeded = InProcessCognitoMock.Start(s => s.SeedFiles.Add(Demo));
        using var empty = InProcessCognitoMock.Start();

        seeded.Backend.Store.IsEmpty.Should().BeFalse();
        empty.Backend.Store.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void TheClock_IsTheEnginesClock_AndCanBeReplacedByAnotherFake()
    {
        var start = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        using var mock = InProcessCognitoMock.Start(s => s.Clock = new FakeTimeProvider(start));

        mock.Clock.Advance(TimeSpan.FromMinutes(5));

        mock.Backend.Time.GetUtcNow().Should().Be(start.AddMinutes(5));
    }

    [Fact]
    public void AClockThatCannotBeMoved_IsRefused()
    {
        var act = () => InProcessCognitoMock.Start(s => s.Clock = TimeProvider.System);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task WithADataFile_TheStateOutlivesTheMock()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cognitomock-{Guid.NewGuid():N}.db");
        try
        {
            using (InProcessCognitoMock.Start(s => { s.DataPath = path; s.SeedFiles.Add(Demo); }))
            {
            }

            using var reopened = InProcessCognitoMock.Start(s => s.DataPath = path);
            using var response = await reopened.CreateClient().SendAsync(ListDevices(ListAlice));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static HttpRequestMessage ListDevices(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8) };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminListDevices");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00");
        return request;
    }
}
