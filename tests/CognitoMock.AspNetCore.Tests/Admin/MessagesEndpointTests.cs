using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Lifecycle;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Admin;

/// <summary>GET and DELETE /_mock/messages, the outbox, and GET /_mock/sms, its SMS in the shape it always had.</summary>
public sealed class MessagesEndpointTests
{
    /// <summary>An email code to one user, an SMS code to another, in that order.</summary>
    private static async Task<SelfService> TwoMessagesAsync(InProcessCognitoMock mock)
    {
        var app = await SelfService.CreateAsync(mock, new JsonObject { ["AutoVerifiedAttributes"] = new JsonArray("email", "phone_number") });
        (await app.SignUpAsync("mail", ("email", "mail@example.com"))).ShouldBeOk();
        (await app.SignUpAsync("phone", ("phone_number", "+15555550166"))).ShouldBeOk();
        return app;
    }

    /// <summary>Equal JSON, however each side escapes its strings.</summary>
    private static void Same(JsonNode actual, JsonObject expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected.ToJsonString())).Should().BeTrue($"{actual} should be {expected}");

    [Fact]
    public async Task TheOutbox_ListsEveryMessageNewestLast_WithEveryMember()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await TwoMessagesAsync(mock);
        using var http = mock.CreateClient();

        var all = (await http.GetFromJsonAsync<JsonArray>("/_mock/messages"))!;

        all.Select(m => m!["Username"]!.GetValue<string>()).Should().Equal("mail", "phone");
        var email = all[0]!.AsObject();
        email.Select(p => p.Key).Should().Equal("UserPoolId", "Username", "DeliveryMedium", "Destination", "Subject", "Message", "Code", "TriggerSource", "SentAt");
        var code = app.CodeFor("mail");
        Same(email, new JsonObject
        {
            ["UserPoolId"] = app.Pool,
            ["Username"] = "mail",
            ["DeliveryMedium"] = "EMAIL",
            ["Destination"] = "mail@example.com",
            ["Subject"] = "Your verification code",
            ["Message"] = $"Your verification code is {code}. ",
            ["Code"] = code,
            ["TriggerSource"] = "CustomMessage_SignUp",
            ["SentAt"] = mock.Clock.GetUtcNow(),
        });
    }

    [Theory]
    [InlineData("?username=mail", "mail")]
    [InlineData("?deliveryMedium=SMS", "phone")]
    [InlineData("?USERNAME=phone&deliveryMedium=SMS", "phone")]
    [InlineData("?username=mail&deliveryMedium=SMS", "")]
    [InlineData("?userPoolId=us-east-1_Other", "")]
    public async Task TheFilters_PickTheMessages(string query, string usernames)
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await TwoMessagesAsync(mock);
        using var http = mock.CreateClient();

        var picked = (await http.GetFromJsonAsync<JsonArray>($"/_mock/messages{query}{(query.Contains("userPoolId", StringComparison.Ordinal) ? "" : "&userPoolId=" + app.Pool)}"))!;

        string.Join(",", picked.Select(m => m!["Username"]!.GetValue<string>())).Should().Be(usernames);
    }

    [Fact]
    public async Task Delete_EmptiesTheOutbox()
    {
        using var mock = InProcessCognitoMock.Start();
        await TwoMessagesAsync(mock);
        using var http = mock.CreateClient();

        var deleted = await http.DeleteAsync("/_mock/messages");

        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetFromJsonAsync<JsonArray>("/_mock/messages"))!.Should().BeEmpty();
        mock.Messages.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Sms_IsTheSmsOfTheOutbox_InItsOwnShape()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await TwoMessagesAsync(mock);
        using var http = mock.CreateClient();

        var sms = (await http.GetFromJsonAsync<JsonArray>($"/_mock/sms?userPoolId={app.Pool}"))!;

        sms.Should().ContainSingle();
        Same(sms[0]!, new JsonObject
        {
            ["UserPoolId"] = app.Pool,
            ["Username"] = "phone",
            ["Destination"] = "+15555550166",
            ["Code"] = app.CodeFor("phone"),
            ["SentAt"] = mock.Clock.GetUtcNow(),
        });
    }

    [Theory]
    [InlineData("?medium=SMS", "'medium' is not a parameter of /_mock/messages; its parameters are userPoolId, username and deliveryMedium.")]
    [InlineData("?username=a&username=b", "username is given 2 times; give it once.")]
    public async Task AnUnknownOrRepeatedFilter_Is400NamingIt(string query, string message)
    {
        using var mock = InProcessCognitoMock.Start();

        var response = await mock.CreateClient().GetAsync("/_mock/messages" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["Message"]!.GetValue<string>().Should().Be(message);
    }
}
