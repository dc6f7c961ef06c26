using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>Issue 18: GetTokensFromRefreshToken, with and without the app client's RefreshTokenRotation.</summary>
public sealed class RefreshRotationTests
{
    private const string Reused = "The refresh token has been replaced by rotation, and its grace period is over.";

    private static JsonObject Rotation(int graceSeconds) => new()
    {
        ["RefreshTokenRotation"] = new JsonObject { ["Feature"] = "ENABLED", ["RetryGracePeriodSeconds"] = graceSeconds },
    };

    private static async Task<(SelfService App, string RefreshToken)> SignedInAsync(InProcessCognitoMock mock, JsonObject? client = null)
    {
        var app = await SelfService.CreateAsync(mock, client: client);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        return (app, (await app.SignedInAsync("erin"))["RefreshToken"]!.GetValue<string>());
    }

    private static Task<WireResponse> RefreshAsync(SelfService app, string refreshToken, string? clientSecret = null)
    {
        var request = new Dictionary<string, string> { ["RefreshToken"] = refreshToken, ["ClientId"] = app.ClientId };
        if (clientSecret is not null)
        {
            request["ClientSecret"] = clientSecret;
        }

        return app.CallAsync("GetTokensFromRefreshToken", request);
    }

    [Fact]
    public async Task WithoutRotation_NewAccessAndIdTokens_AndTheRefreshTokenStays()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, refreshToken) = await SignedInAsync(mock);

        var first = await RefreshAsync(app, refreshToken);
        var second = await RefreshAsync(app, refreshToken);

        first.ShouldBeOk();
        var result = first.Json["AuthenticationResult"]!.AsObject();
        result.Select(p => p.Key).Should().BeEquivalentTo(["AccessToken", "ExpiresIn", "TokenType", "IdToken"]);
        (await app.CallAsync("GetUser", new { AccessToken = result["AccessToken"]!.GetValue<string>() })).ShouldBeOk();
        second.ShouldBeOk();
    }

    [Fact]
    public async Task WithRotation_ANewRefreshToken_AndTheOldOneLastsTheGracePeriod_ThenIsRefusedAsReused()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, old) = await SignedInAsync(mock, Rotation(60));

        var rotated = await RefreshAsync(app, old);
        var next = rotated.Json["AuthenticationResult"]!["RefreshToken"]!.GetValue<string>();
        mock.Clock.Advance(TimeSpan.FromSeconds(59));
        var inGrace = await RefreshAsync(app, old);
        mock.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterGrace = await RefreshAsync(app, old);
        var withTheNewOne = await RefreshAsync(app, next);

        rotated.ShouldBeOk();
        next.Should().NotBe(old);
        inGrace.ShouldBeOk();
        afterGrace.ShouldBeError("RefreshTokenReuseException", Reused);
        withTheNewOne.ShouldBeOk();
        withTheNewOne.Json["AuthenticationResult"]!["RefreshToken"]!.GetValue<string>().Should().NotBe(next);
    }

    [Fact]
    public async Task WithRotation_REFRESH_TOKEN_AUTH_IsRefused_SoNoRefreshBypassesIt()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, refreshToken) = await SignedInAsync(mock, Rotation(0));

        (await app.CallAsync("InitiateAuth", new { app.ClientId, AuthFlow = "REFRESH_TOKEN_AUTH", AuthParameters = new { REFRESH_TOKEN = refreshToken } }))
            .ShouldBeError("InvalidParameterException", "Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken.");
    }

    [Fact]
    public async Task WithRotationAndNoGrace_OfConcurrentUsesOfOneToken_ExactlyOneRotates()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, refreshToken) = await SignedInAsync(mock, Rotation(0));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => RefreshAsync(app, refreshToken))));

        answers.Count(a => a.Status == System.Net.HttpStatusCode.OK).Should().Be(1);
        answers.Where(a => a.Status != System.Net.HttpStatusCode.OK).Should().AllSatisfy(a => a.ShouldBeError("RefreshTokenReuseException", Reused));
    }

    [Fact]
    public async Task AClientWithASecret_MustSendIt()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock, client: new JsonObject { ["GenerateSecret"] = true });
        (await app.CallAsync("SignUp", new
        {
            app.ClientId,
            Username = "erin",
            Password = SelfService.Password,
            SecretHash = SignUpConfirmationTests.SecretHashOf(app, "erin"),
            UserAttributes = new[] { new { Name = "email", Value = "erin@example.com" } },
        })).ShouldBeOk();
        (await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = app.CodeFor("erin"), SecretHash = SignUpConfirmationTests.SecretHashOf(app, "erin") })).ShouldBeOk();
        var signedIn = await app.CallAsync("InitiateAuth", new
        {
            app.ClientId,
            AuthFlow = "USER_PASSWORD_AUTH",
            AuthParameters = new { USERNAME = "erin", PASSWORD = SelfService.Password, SECRET_HASH = SignUpConfirmationTests.SecretHashOf(app, "erin") },
        });
        var refreshToken = signedIn.Json["AuthenticationResult"]!["RefreshToken"]!.GetValue<string>();
        var secret = mock.Backend.Store.GetClient(app.ClientId)!.ClientSecret!;

        (await RefreshAsync(app, refreshToken)).ShouldBeError("NotAuthorizedException", $"Client {app.ClientId} is configured for secret but secret was not received");
        (await RefreshAsync(app, refreshToken, new string('x', 52))).ShouldBeError("NotAuthorizedException", $"Unable to verify secret hash for client {app.ClientId}");
        (await RefreshAsync(app, refreshToken, secret)).ShouldBeOk();
    }

    [Fact]
    public async Task ARevokedOrForeignRefreshToken_IsRefused()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, refreshToken) = await SignedInAsync(mock, Rotation(60));
        var (otherClient, _) = await app.Wire.CreateClientAsync(app.Pool);

        var foreign = await app.CallAsync("GetTokensFromRefreshToken", new { RefreshToken = refreshToken, ClientId = otherClient });
        (await app.CallAsync("RevokeToken", new { Token = refreshToken, app.ClientId })).ShouldBeOk();
        var revoked = await RefreshAsync(app, refreshToken);

        foreign.ShouldBeError("NotAuthorizedException", "Invalid Refresh Token");
        revoked.ShouldBeError("NotAuthorizedException", "Refresh Token has been revoked");
    }
}
