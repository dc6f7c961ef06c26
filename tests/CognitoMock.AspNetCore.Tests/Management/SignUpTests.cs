using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Domain;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>SignUp: unsigned, through an app client, making UNCONFIRMED users.</summary>
public sealed class SignUpTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private const string NotAuthorized = "NotAuthorizedException";

    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    [Fact]
    public async Task SignUp_WithoutSigning_MakesAnUnconfirmedUserWithItsPassword()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email") });
        var (clientId, _) = await _wire.CreateClientAsync(pool);

        var response = await _wire.CallAsync("SignUp", new
        {
            ClientId = clientId,
            Username = "newbie",
            Password = Setup.Password,
            UserAttributes = new[] { new { Name = "email", Value = "newbie@example.com" } },
        }, signed: false);

        response.ShouldBeOk();
        response.Json["UserConfirmed"]!.GetValue<bool>().Should().BeFalse();
        var sub = response.Json["UserSub"]!.GetValue<string>();
        var user = await _wire.GetUserAsync(pool, "newbie");
        user["UserStatus"]!.GetValue<string>().Should().Be("UNCONFIRMED");
        Setup.Attributes(user["UserAttributes"]).Should().Equal(new Dictionary<string, string> { ["sub"] = sub, ["email"] = "newbie@example.com" });
        PasswordCredentials.Matches(_mock.Backend.Store.FindUserBySub(pool, sub)!.Password!, Setup.Password).Should().BeTrue();
        (await _wire.CallAsync("AdminGetUser", new { UserPoolId = pool, Username = "newbie@example.com" })).ShouldBeError("UserNotFoundException", "User does not exist.");
    }

    [Fact]
    public async Task SignUp_InAPoolWithUsernameAttributes_NamesTheUserBySub_AndATakenEmailIsUsernameExists()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["UsernameAttributes"] = new JsonArray("email") });
        var (clientId, _) = await _wire.CreateClientAsync(pool);

        var first = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "erin@example.com", Password = Setup.Password }, signed: false);
        var again = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "erin@example.com", Password = Setup.Password }, signed: false);

        first.ShouldBeOk();
        (await _wire.GetUserAsync(pool, "erin@example.com"))["Username"]!.GetValue<string>().Should().Be(first.Json["UserSub"]!.GetValue<string>());
        again.ShouldBeError("UsernameExistsException", "An account with the given email already exists.");
    }

    [Fact]
    public async Task SignUp_WithATakenUsername_IsUsernameExists()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool);
        await _wire.CreateUserAsync(pool, "alice");

        var response = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "alice", Password = Setup.Password }, signed: false);

        response.ShouldBeError("UsernameExistsException", "User already exists");
    }

    [Fact]
    public async Task SignUp_ThroughAClientWithASecret_NeedsTheRightSecretHash()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, secret) = await _wire.CreateClientAsync(pool, new JsonObject { ["GenerateSecret"] = true });
        var hash = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret!), Encoding.UTF8.GetBytes("newbie" + clientId)));

        var missing = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "newbie", Password = Setup.Password }, signed: false);
        var wrong = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "newbie", Password = Setup.Password, SecretHash = "bm9wZQ==" }, signed: false);
        var forAnotherName = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "other", Password = Setup.Password, SecretHash = hash }, signed: false);
        var right = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "newbie", Password = Setup.Password, SecretHash = hash }, signed: false);

        missing.ShouldBeError(NotAuthorized, $"Client {clientId} is configured for secret but secret was not received");
        wrong.ShouldBeError(NotAuthorized, $"Unable to verify secret hash for client {clientId}");
        forAnotherName.ShouldBeError(NotAuthorized, $"Unable to verify secret hash for client {clientId}");
        right.ShouldBeOk();
    }

    [Fact]
    public async Task SignUp_InAPoolWhereOnlyAdministratorsCreateUsers_IsNotAuthorized()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AdminCreateUserConfig"] = new JsonObject { ["AllowAdminCreateUserOnly"] = true } });
        var (clientId, _) = await _wire.CreateClientAsync(pool);

        var response = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "newbie", Password = Setup.Password }, signed: false);

        response.ShouldBeError(NotAuthorized, "SignUp is not permitted for this user pool");
    }

    [Theory]
    [InlineData("email_verified", "true", null)]
    [InlineData("given_name", "Newbie", "email")]
    public async Task SignUp_WritingAnAttributeTheClientMayNotWrite_IsNotAuthorized(string name, string value, string? writable)
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool, writable is null ? null : new JsonObject { ["WriteAttributes"] = new JsonArray(writable) });

        var response = await _wire.CallAsync("SignUp", new
        {
            ClientId = clientId,
            Username = "newbie",
            Password = Setup.Password,
            UserAttributes = new[] { new { Name = name, Value = value } },
        }, signed: false);

        response.ShouldBeError(NotAuthorized, "A client attempted to write unauthorized attribute");
    }

    [Fact]
    public async Task SignUp_WithAnAttributeTheSchemaLacks_IsInvalid()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool);

        var response = await _wire.CallAsync("SignUp", new
        {
            ClientId = clientId,
            Username = "newbie",
            Password = Setup.Password,
            UserAttributes = new[] { new { Name = "favorite_flavor", Value = "mint" } },
        }, signed: false);

        response.ShouldBeError("InvalidParameterException", "Attributes did not conform to the schema: favorite_flavor: Attribute does not exist in the schema.\n");
    }

    [Fact]
    public async Task SignUp_WithoutAPassword_IsInvalid()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool);

        var response = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "newbie" }, signed: false);

        response.ShouldBeError("InvalidParameterException", "A password is required: the mock has no passwordless sign-up.");
    }

    [Fact]
    public async Task SignUp_WithAWeakPassword_IsInvalidPassword()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool);

        var response = await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "newbie", Password = "Sh0rt!" }, signed: false);

        response.ShouldBeError("InvalidPasswordException", "Password did not conform with policy: Password not long enough");
    }
}
