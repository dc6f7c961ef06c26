using System.Net;
using System.Text.Json.Nodes;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Admin;

/// <summary>GET /_mock/sms: a misspelt or repeated filter is refused, not ignored, which would answer every user's messages.</summary>
public sealed class SmsEndpointTests
{
    [Theory]
    [InlineData("?usrname=sam", "'usrname'")]
    [InlineData("?userPoolId=us-east-1_DemoMfa&user=sam", "'user'")]
    [InlineData("?username=sam&username=kim", "username")]
    [InlineData("?=sam", "''")]
    public async Task AnUnknownOrRepeatedParameter_Is400NamingIt(string query, string named)
    {
        using var mock = InProcessCognitoMock.Start();

        var response = await mock.CreateClient().GetAsync("/_mock/sms" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Message"]!.GetValue<string>().Should().Contain(named);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?userPoolId=us-east-1_DemoMfa")]
    [InlineData("?userPoolId=us-east-1_DemoMfa&username=sam")]
    [InlineData("?USERNAME=sam")]
    public async Task TheFilters_AreTaken(string query)
    {
        using var mock = InProcessCognitoMock.Start();

        var response = await mock.CreateClient().GetAsync("/_mock/sms" + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Should().BeEmpty();
    }
}
