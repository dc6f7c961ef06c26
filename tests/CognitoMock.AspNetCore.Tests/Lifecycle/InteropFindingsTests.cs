using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>Defects the real-client conformance suite (tests/interop) found in the lifecycle operations.</summary>
public sealed partial class InteropFindingsTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    /// <summary>
    /// Feedback tokens were standard base64, with + and /, which the model's TokenModelType pattern does not allow:
    /// UpdateAuthEventFeedback refused most of them with a validation error (interop case
    /// auth-events/update-auth-event-feedback). Twenty events make a token with + or / all but certain under the
    /// old encoding.
    /// </summary>
    [Fact]
    public async Task UpdateAuthEventFeedback_AcceptsTheFeedbackTokenOfEveryEvent()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["UserPoolAddOns"] = new JsonObject { ["AdvancedSecurityMode"] = "AUDIT" } });
        var (clientId, _) = await _wire.CreateClientAsync(pool, new JsonObject { ["ExplicitAuthFlows"] = new JsonArray("ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH") });
        await _wire.CreateUserAsync(pool, "lena");
        (await _wire.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "lena", Password = Setup.Password, Permanent = true })).ShouldBeOk();
        for (var i = 0; i < 20; i++)
        {
            (await _wire.CallAsync("AdminInitiateAuth", new
            {
                UserPoolId = pool,
                ClientId = clientId,
                AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
                AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "lena", ["PASSWORD"] = Setup.Password },
            })).ShouldBeOk();
        }

        var events = _mock.Backend.AuthEventsOf(pool, "lena");

        events.Should().HaveCount(20);
        foreach (var authEvent in events)
        {
            TokenModelType().IsMatch(authEvent.FeedbackToken).Should().BeTrue();
            (await _wire.CallAsync("UpdateAuthEventFeedback", new
            {
                UserPoolId = pool,
                Username = "lena",
                authEvent.EventId,
                authEvent.FeedbackToken,
                FeedbackValue = "Valid",
            }, signed: false)).ShouldBeOk();
        }
    }

    /// <summary>The model's pattern for a feedback token (TokenModelType), anchored.</summary>
    [GeneratedRegex("^[A-Za-z0-9-_=.]+$")]
    private static partial Regex TokenModelType();
}
