using System.Security.Cryptography;
using System.Text;
using CognitoMock.AspNetCore.Tests.Support;
using static CognitoMock.AspNetCore.Tests.Support.SignInPool;

namespace CognitoMock.AspNetCore.Tests.SignIn;

/// <summary>Password sign-in, the client's secret, and NEW_PASSWORD_REQUIRED with its Session.</summary>
public sealed class PasswordSignInTests
{
    private const string Invalid = "InvalidParameterException";

    [Fact]
    public async Task UserPasswordAuth_WithTheRightPassword_GivesTokens()
    {
        using var mock = Start();

        var response = await Password(new Wire(mock), "alice@example.com", SignInPool.Password);

        response.ShouldBeOk();
        response.Json["AuthenticationResult"]!["AccessToken"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("alice", "Wrong-passw0rd", "NotAuthorizedException", "Incorrect username or password.")]
    [InlineData("nobody", "Passw0rd!", "UserNotFoundException", "User does not exist.")]
    [InlineData("disabled", "Passw0rd!", "NotAuthorizedException", "User is disabled.")]
    [InlineData("unconfirmed", "Passw0rd!", "UserNotConfirmedException", "User is not confirmed.")]
    public async Task UserPasswordAuth_RefusesAsAwsDoes(string username, string password, string code, string message)
    {
        using var mock = Start();

        var response = await Password(new Wire(mock), username, password);

        response.ShouldBeError(code, message);
    }

    [Fact]
    public async Task WithPreventUserExistenceErrors_AnUnknownUserLooksLikeAWrongPassword()
    {
        using var mock = Start();
        mock.Backend.Store.Write(tx =>
        {
            var client = tx.GetClient(Client)!;
            tx.UpdateClient(client with { Settings = client.Settings with { PreventUserExistenceErrors = "ENABLED" } });
        });

        var response = await Password(new Wire(mock), "nobody", SignInPool.Password);

        response.ShouldBeError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task UserPasswordAuth_OnAClientWithoutIt_IsRefused()
    {
        using var mock = Start();

        var response = await Password(new Wire(mock), "alice", SignInPool.Password, SrpOnlyClient);

        response.ShouldBeError(Invalid, "USER_PASSWORD_AUTH flow not enabled for this client");
    }

    [Fact]
    public async Task AdminUserPasswordAuth_IsForAdminInitiateAuthOnly()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var parameters = new { USERNAME = "alice", PASSWORD = SignInPool.Password };

        (await wire.CallAsync("AdminInitiateAuth", new { UserPoolId = Pool, ClientId = Client, AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = parameters }))
            .ShouldBeOk();
        (await wire.CallAsync("AdminInitiateAuth", new { UserPoolId = Pool, ClientId = Client, AuthFlow = "ADMIN_NO_SRP_AUTH", AuthParameters = parameters }))
            .ShouldBeOk();
        (await wire.CallAsync("InitiateAuth", new { ClientId = Client, AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = parameters }, signed: false))
            .ShouldBeError(Invalid, "Initiate Auth method not supported.");
        (await wire.CallAsync("AdminInitiateAuth", new { UserPoolId = Pool, ClientId = SrpOnlyClient, AuthFlow = "ADMIN_USER_PASSWORD_AUTH", AuthParameters = parameters }))
            .ShouldBeError(Invalid, "Auth flow not enabled for this client");
    }

    [Fact]
    public async Task AdminInitiateAuth_WithAClientOfAnotherPool_IsResourceNotFound()
    {
        using var mock = Start();
        mock.Seed(new Seeding.SeedDocument
        {
            UserPools = [new() { Id = "us-east-1_Other1", Name = "other", Clients = [new() { ClientId = "otherclient000000000000001", ClientName = "x" }] }],
        });

        var response = await new Wire(mock).CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = Pool,
            ClientId = "otherclient000000000000001",
            AuthFlow = "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters = new { USERNAME = "alice", PASSWORD = SignInPool.Password },
        });

        response.ShouldBeError("ResourceNotFoundException", "User pool client otherclient000000000000001 does not exist.");
    }

    [Fact]
    public async Task AClientWithASecret_NeedsTheRightSecretHash()
    {
        using var mock = Start();
        var wire = new Wire(mock);

        (await Password(wire, "alice", SignInPool.Password, SecretClient))
            .ShouldBeError("NotAuthorizedException", $"Client {SecretClient} is configured for secret but secret was not received");
        (await Password(wire, "alice", SignInPool.Password, SecretClient, secretHash: SecretHash("bob")))
            .ShouldBeError("NotAuthorizedException", $"Unable to verify secret hash for client {SecretClient}");
        (await Password(wire, "alice", SignInPool.Password, SecretClient, secretHash: SecretHash("alice")))
            .ShouldBeOk();
    }

    [Fact]
    public async Task AForcedPasswordChange_IsANewPasswordChallenge_ThatTheNewPasswordAnswers()
    {
        using var mock = Start();
        var wire = new Wire(mock);

        var challenge = await Password(wire, "newbie", SignInPool.Password);

        challenge.ShouldBeOk();
        challenge.Json["ChallengeName"]!.GetValue<string>().Should().Be("NEW_PASSWORD_REQUIRED");
        challenge.Json["ChallengeParameters"]!["USER_ID_FOR_SRP"]!.GetValue<string>().Should().Be("newbie");
        challenge.Json["ChallengeParameters"]!["userAttributes"]!.GetValue<string>().Should().Contain("\"email\":\"newbie@example.com\"");
        var answered = await NewPassword(wire, challenge, "Another-Passw0rd");
        answered.ShouldBeOk();
        answered.Json["AuthenticationResult"]!["AccessToken"].Should().NotBeNull();
        mock.Backend.Store.UsersOf(Pool).Single(u => u.Username == "newbie").UserStatus.Should().Be("CONFIRMED");
        (await Password(wire, "newbie", "Another-Passw0rd")).ShouldBeOk();
        (await Password(wire, "newbie", SignInPool.Password)).ShouldBeError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task ANewPasswordThatBreaksThePolicy_IsRefused_AndTheSessionStaysGood()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var challenge = await Password(wire, "newbie", SignInPool.Password);

        (await NewPassword(wire, challenge, "short")).ShouldBeError("InvalidPasswordException", "Password did not conform with policy: Password not long enough");

        (await NewPassword(wire, challenge, "Another-Passw0rd")).ShouldBeOk();
    }

    [Fact]
    public async Task AChallengeSession_IsSingleUse()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var challenge = await Password(wire, "newbie", SignInPool.Password);
        (await NewPassword(wire, challenge, "Another-Passw0rd")).ShouldBeOk();

        var reused = await NewPassword(wire, challenge, "Yet-another-Passw0rd");

        reused.ShouldBeError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Fact]
    public async Task AChallengeSession_ExpiresAfterThreeMinutesByTheMocksClock()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var late = await Password(wire, "newbie", SignInPool.Password);
        var inTime = await Password(wire, "newbie", SignInPool.Password);

        mock.Clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));
        (await NewPassword(wire, inTime, "Another-Passw0rd")).ShouldBeOk();
        mock.Clock.Advance(TimeSpan.FromSeconds(1));
        (await NewPassword(wire, late, "Another-Passw0rd")).ShouldBeError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Fact]
    public async Task AMadeUpSession_IsInvalid()
    {
        using var mock = Start();

        var response = await new Wire(mock).CallAsync("RespondToAuthChallenge", new
        {
            ClientId = Client,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = "made-up-session-string-made-up-session-string",
            ChallengeResponses = new { USERNAME = "newbie", NEW_PASSWORD = "Another-Passw0rd" },
        }, signed: false);

        response.ShouldBeError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    internal static Task<WireResponse> Password(Wire wire, string username, string password, string clientId = Client, string? secretHash = null)
    {
        var parameters = new Dictionary<string, string?> { ["USERNAME"] = username, ["PASSWORD"] = password };
        if (secretHash is not null)
        {
            parameters["SECRET_HASH"] = secretHash;
        }

        return wire.CallAsync("InitiateAuth", new { AuthFlow = "USER_PASSWORD_AUTH", ClientId = clientId, AuthParameters = parameters }, signed: false);
    }

    private static Task<WireResponse> NewPassword(Wire wire, WireResponse challenge, string password) =>
        wire.CallAsync("RespondToAuthChallenge", new
        {
            ClientId = Client,
            ChallengeName = "NEW_PASSWORD_REQUIRED",
            Session = challenge.Json["Session"]!.GetValue<string>(),
            ChallengeResponses = new { USERNAME = "newbie", NEW_PASSWORD = password },
        }, signed: false);

    private static string SecretHash(string username) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(username + SecretClient)));

}
