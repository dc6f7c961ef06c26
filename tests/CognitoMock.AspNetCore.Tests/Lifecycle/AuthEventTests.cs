using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>Issue 18: auth events, recorded while a pool's threat protection is on, listed and given feedback.</summary>
public sealed class AuthEventTests
{
    private static readonly JsonObject Audit = new() { ["UserPoolAddOns"] = new JsonObject { ["AdvancedSecurityMode"] = "AUDIT" } };

    private static InProcessCognitoMock Start() => InProcessCognitoMock.Start(s => s.TrustForwardedFor = true);

    /// <summary>A sign-up, a confirmation, a wrong password, a sign-in, a reset and a change: every kind of event, in that order.</summary>
    private static async Task<SelfService> HistoryAsync(InProcessCognitoMock mock)
    {
        var app = await SelfService.CreateAsync(mock, (JsonObject)Audit.DeepClone());
        app.Wire.ForwardedFor = "203.0.113.9";
        app.Wire.UserAgent = "aws-sdk-js/3.0.0 ua/2.1";
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        (await app.PasswordSignInAsync("erin", "Wr0ngPassw0rd!")).ShouldBeError("NotAuthorizedException", "Incorrect username or password.");
        var token = await app.AccessTokenAsync("erin");
        (await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "erin" })).ShouldBeOk();
        (await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "erin", ConfirmationCode = app.CodeFor("erin"), Password = SelfService.NewPassword })).ShouldBeOk();
        (await app.CallAsync("ChangePassword", new { AccessToken = token, PreviousPassword = SelfService.NewPassword, ProposedPassword = "Th1rdPassw0rd!" })).ShouldBeOk();
        return app;
    }

    [Fact]
    public async Task EverySignUpSignInResetAndChange_IsAnEvent_ListedNewestFirst_WithTheLowestRisk()
    {
        using var mock = Start();
        var app = await HistoryAsync(mock);

        var listed = await app.Wire.CallAsync("AdminListUserAuthEvents", new { UserPoolId = app.Pool, Username = "erin" });

        listed.ShouldBeOk();
        var events = listed.Json["AuthEvents"]!.AsArray();
        events.Select(e => $"{e!["EventType"]}:{e["EventResponse"]}").Should().Equal(
            "PasswordChange:Pass", "ForgotPassword:Pass", "ForgotPassword:InProgress", "SignIn:Pass", "SignIn:Fail", "SignUp:Pass");
        events.Should().AllSatisfy(e =>
        {
            e!["EventRisk"]!.ToJsonString().Should().Be("""{"RiskDecision":"NoRisk","RiskLevel":"Low","CompromisedCredentialsDetected":false}""");
            e["EventContextData"]!["IpAddress"]!.GetValue<string>().Should().Be("203.0.113.9");
            e["EventContextData"]!["DeviceName"]!.GetValue<string>().Should().Be("aws-sdk-js/3.0.0");
            e["CreationDate"]!.GetValue<decimal>().Should().Be(mock.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000m);
            e.AsObject().ContainsKey("EventFeedback").Should().BeFalse();
        });
        events[3]!["ChallengeResponses"]!.ToJsonString().Should().Be("""[{"ChallengeName":"Password","ChallengeResponse":"Success"}]""");
        events[4]!["ChallengeResponses"]!.ToJsonString().Should().Be("""[{"ChallengeName":"Password","ChallengeResponse":"Failure"}]""");
        listed.Json.ContainsKey("NextToken").Should().BeFalse();
    }

    [Fact]
    public async Task TheListing_IsPaged_AndThePagesTogetherAreTheWholeList()
    {
        using var mock = Start();
        var app = await HistoryAsync(mock);
        var whole = (await app.Wire.CallAsync("AdminListUserAuthEvents", new { UserPoolId = app.Pool, Username = "erin" })).Json["AuthEvents"]!.AsArray();

        var paged = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await app.Wire.CallAsync("AdminListUserAuthEvents", new { UserPoolId = app.Pool, Username = "erin", MaxResults = 4, NextToken = next });
            page.ShouldBeOk();
            page.Json["AuthEvents"]!.AsArray().Count.Should().BeLessThanOrEqualTo(4);
            paged.AddRange(page.Json["AuthEvents"]!.AsArray().Select(e => e!["EventId"]!.GetValue<string>()));
            next = page.Json["NextToken"]?.GetValue<string>();
            pages++;
        }
        while (next is not null);

        pages.Should().Be(2);
        paged.Should().Equal(whole.Select(e => e!["EventId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Feedback_FromAnAdministrator_OrFromTheUserWithTheEventsToken_IsShownOnTheEvent()
    {
        using var mock = Start();
        var app = await HistoryAsync(mock);
        using var http = mock.CreateClient();
        var tokens = (await http.GetFromJsonAsync<JsonArray>($"/_mock/auth-events?userPoolId={app.Pool}&username=erin"))!;
        var (first, second) = (tokens[0]!, tokens[1]!);

        var admin = await app.Wire.CallAsync("AdminUpdateAuthEventFeedback", new { UserPoolId = app.Pool, Username = "erin", EventId = first["EventId"]!.GetValue<string>(), FeedbackValue = "Valid" });
        var wrongToken = await app.CallAsync("UpdateAuthEventFeedback", new
        {
            UserPoolId = app.Pool,
            Username = "erin",
            EventId = second["EventId"]!.GetValue<string>(),
            FeedbackToken = first["FeedbackToken"]!.GetValue<string>(),
            FeedbackValue = "Invalid",
        });
        var user = await app.CallAsync("UpdateAuthEventFeedback", new
        {
            UserPoolId = app.Pool,
            Username = "erin",
            EventId = second["EventId"]!.GetValue<string>(),
            FeedbackToken = second["FeedbackToken"]!.GetValue<string>(),
            FeedbackValue = "Invalid",
        });
        var unknown = await app.Wire.CallAsync("AdminUpdateAuthEventFeedback", new { UserPoolId = app.Pool, Username = "erin", EventId = Guid.NewGuid().ToString(), FeedbackValue = "Valid" });

        admin.ShouldBeOk();
        wrongToken.ShouldBeError("NotAuthorizedException", "Invalid feedback token.");
        user.ShouldBeOk();
        unknown.ShouldBeError("ResourceNotFoundException", "Auth event not found.");
        var events = (await app.Wire.CallAsync("AdminListUserAuthEvents", new { UserPoolId = app.Pool, Username = "erin" })).Json["AuthEvents"]!.AsArray();
        var now = mock.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000m;
        events[0]!["EventFeedback"]!.ToJsonString().Should().Be($$"""{"FeedbackValue":"Valid","Provider":"Admin","FeedbackDate":{{now}}}""");
        events[1]!["EventFeedback"]!.ToJsonString().Should().Be($$"""{"FeedbackValue":"Invalid","Provider":"User","FeedbackDate":{{now}}}""");
    }

    [Fact]
    public async Task APoolWithoutThreatProtection_RecordsNothing_AndRefusesTheThreeOperations()
    {
        using var mock = Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        const string Message = "User pool add-on is not enabled for this user pool.";

        (await app.Wire.CallAsync("AdminListUserAuthEvents", new { UserPoolId = app.Pool, Username = "erin" })).ShouldBeError("UserPoolAddOnNotEnabledException", Message);
        (await app.Wire.CallAsync("AdminUpdateAuthEventFeedback", new { UserPoolId = app.Pool, Username = "erin", EventId = "e1", FeedbackValue = "Valid" }))
            .ShouldBeError("UserPoolAddOnNotEnabledException", Message);
        (await app.CallAsync("UpdateAuthEventFeedback", new { UserPoolId = app.Pool, Username = "erin", EventId = "e1", FeedbackToken = "t", FeedbackValue = "Valid" }))
            .ShouldBeError("UserPoolAddOnNotEnabledException", Message);
        mock.Backend.AuthEventsOf(app.Pool, "erin").Should().BeEmpty();
    }

    [Fact]
    public async Task TheFeedbackTokensEndpoint_NeedsAPoolAndAUser_AndNamesAnUnknownOne()
    {
        using var mock = Start();
        var app = await SelfService.CreateAsync(mock, (JsonObject)Audit.DeepClone());
        using var http = mock.CreateClient();

        var missing = await http.GetAsync($"/_mock/auth-events?userPoolId={app.Pool}");
        var unknown = await http.GetAsync($"/_mock/auth-events?userPoolId={app.Pool}&username=nobody");

        missing.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonObject>())!["Message"]!.GetValue<string>().Should().Be("/_mock/auth-events needs both userPoolId and username.");
        unknown.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["Message"]!.GetValue<string>().Should().Be("User does not exist.");
    }
}
