using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Admin;

/// <summary>POST /_mock/seed: a seed the loader refuses is the caller's error, a 400 naming the JSON path, and loads nothing.</summary>
public sealed class SeedEndpointTests
{
    [Theory]
    [InlineData("""{ "UserPools": null }""", "$.UserPools")]
    [InlineData("""{ "UserPools": [ null ] }""", "$.UserPools[0]")]
    [InlineData("""{ "UserPools": [ { "Id": "us-east-1_Null1", "Name": "n", "Clients": [ null ] } ] }""", "$.UserPools[0].Clients[0]")]
    [InlineData("""{ "UserPools": [ { "Id": "us-east-1_Null1", "Name": "n", "Users": [ null ] } ] }""", "$.UserPools[0].Users[0]")]
    [InlineData("""{ "UserPools": [ { "Id": "us-east-1_Null1", "Name": "n", "Users": [ { "Username": "a", "Devices": [ null ] } ] } ] }""", "$.UserPools[0].Users[0].Devices[0]")]
    [InlineData("""{ "UserPools": [ { "Id": "us-east-1_Null1", "Name": "n", "Users": [ { "Username": "a", "Attributes": [ null ] } ] } ] }""", "$.UserPools[0].Users[0].Attributes[0]")]
    public async Task ASeedWithANull_Is400NamingItsPath_AndLoadsNothing(string seed, string path)
    {
        using var mock = InProcessCognitoMock.Start(s => s.SeedFiles.Add(SeedFiles.Demo));
        var http = mock.CreateClient();
        var before = await http.GetStringAsync("/_mock/export");

        var response = await http.PostAsync("/_mock/seed", new StringContent(seed, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Message"]!.GetValue<string>().Should().StartWith($"request body: {path}: ");
        (await http.GetStringAsync("/_mock/export")).Should().Be(before);
    }

    [Fact]
    public async Task APoolNameOfTenMegabytes_Is400WithAShortMessage_AsCreateUserPoolWouldRefuseIt()
    {
        using var mock = InProcessCognitoMock.Start();
        var http = mock.CreateClient();
        var seed = $$"""{ "UserPools": [ { "Id": "us-east-1_Big1", "Name": "{{new string('n', 10 * 1024 * 1024)}}" } ] }""";

        var response = await http.PostAsync("/_mock/seed", new StringContent(seed, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Message"]!.GetValue<string>();
        message.Should().StartWith("request body: $.UserPools[0].Name: ").And.Contain("UserPoolNameType");
        message.Length.Should().BeLessThan(300);
        mock.Backend.Store.IsEmpty.Should().BeTrue();
    }
}
