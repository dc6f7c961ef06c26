using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Domain;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Management;

public sealed class AdminCreateUserTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private const string Invalid = "InvalidParameterException";
    private const string Exists = "UsernameExistsException";

    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    [Fact]
    public async Task AdminCreateUser_WithATemporaryPassword_IsForceChangePassword_WithANewSubFirst()
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = "diego",
            TemporaryPassword = "Temp0rary!",
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "email", Value = "diego@example.com" }, new { Name = "phone_number", Value = "+15555551212" } },
        });

        response.ShouldBeOk();
        var user = response.Json["User"]!;
        user["Username"]!.GetValue<string>().Should().Be("diego");
        user["UserStatus"]!.GetValue<string>().Should().Be("FORCE_CHANGE_PASSWORD");
        user["Enabled"]!.GetValue<bool>().Should().BeTrue();
        user["UserCreateDate"]!.GetValue<double>().Should().BeApproximately(_mock.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 0.001);
        user["UserLastModifiedDate"]!.GetValue<double>().Should().Be(user["UserCreateDate"]!.GetValue<double>());
        var attributes = user["Attributes"]!.AsArray();
        attributes.Select(a => a!["Name"]!.GetValue<string>()).Should().Equal("sub", "email", "phone_number");
        Setup.Sub(user).Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        JsonNode.DeepEquals((await _wire.GetUserAsync(pool, "diego"))["UserAttributes"], attributes).Should().BeTrue();
    }

    [Fact]
    public async Task AdminCreateUser_StoresTheTemporaryPasswordOnlyAsAHashAndVerifier()
    {
        var pool = await _wire.CreatePoolAsync();

        var user = await _wire.CreateUserAsync(pool, "ann");

        var stored = _mock.Backend.Store.FindUserBySub(pool, Setup.Sub(user))!;
        PasswordCredentials.Matches(stored.Password!, Setup.Password).Should().BeTrue();
        stored.Password!.Verifier.Should().NotBeEmpty();
        stored.Password.Hash.Should().NotContain(Setup.Password);
    }

    [Fact]
    public async Task AdminCreateUser_WithoutATemporaryPassword_GeneratesOneThePolicyAccepts()
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ann" });

        response.ShouldBeOk();
        response.Json["User"]!["UserStatus"]!.GetValue<string>().Should().Be("FORCE_CHANGE_PASSWORD");
        _mock.Backend.Store.FindUserBySub(pool, Setup.Sub(response.Json["User"]!))!.Password.Should().NotBeNull();
    }

    [Fact]
    public async Task AdminCreateUser_InAPoolWithUsernameAttributes_TakesTheEmailAsUsernameAndNamesTheUserBySub()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["UsernameAttributes"] = new JsonArray("email") });

        var user = await _wire.CreateUserAsync(pool, "erin@example.com");

        var sub = Setup.Sub(user);
        user["Username"]!.GetValue<string>().Should().Be(sub);
        Setup.Attributes(user["Attributes"])["email"].Should().Be("erin@example.com");
        (await _wire.GetUserAsync(pool, "erin@example.com"))["Username"]!.GetValue<string>().Should().Be(sub);
    }

    [Theory]
    [InlineData("email", "frank", "Username should be an email.")]
    [InlineData("phone_number", "frank@example.com", "Username should be a phone number.")]
    [InlineData("email,phone_number", "frank", "Username should be either an email or a phone number.")]
    public async Task AdminCreateUser_InAPoolWithUsernameAttributes_RefusesAUsernameThatIsNoneOfThem(string attributes, string username, string message)
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["UsernameAttributes"] = new JsonArray([.. attributes.Split(',').Select(a => JsonValue.Create(a))]) });

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = username });

        response.ShouldBeError(Invalid, message);
    }

    [Theory]
    [InlineData("email", "frank@example.com", "Username cannot be of email format, since user pool is configured for email alias.")]
    [InlineData("phone_number", "+15555550123", "Username cannot be of phone number format, since user pool is configured for phone number alias.")]
    public async Task AdminCreateUser_InAnAliasPool_RefusesAUsernameShapedLikeTheAlias(string alias, string username, string message)
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray(alias) });

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = username });

        response.ShouldBeError(Invalid, message);
    }

    [Fact]
    public async Task AdminCreateUser_WithATakenUsername_IsUsernameExists_AndACaseInsensitivePoolFoldsIt()
    {
        var sensitive = await _wire.CreatePoolAsync();
        var insensitive = await _wire.CreatePoolAsync(new JsonObject { ["UsernameConfiguration"] = new JsonObject { ["CaseSensitive"] = false } });
        await _wire.CreateUserAsync(sensitive, "Grace");
        await _wire.CreateUserAsync(insensitive, "Grace");

        var same = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = sensitive, Username = "Grace" });
        var otherCase = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = sensitive, Username = "grace" });
        var folded = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = insensitive, Username = "GRACE" });

        same.ShouldBeError(Exists, "User account already exists");
        otherCase.ShouldBeOk();
        folded.ShouldBeError(Exists, "User account already exists");
        (await _wire.GetUserAsync(insensitive, "grace"))["Username"]!.GetValue<string>().Should().Be("Grace");
    }

    [Fact]
    public async Task AdminCreateUser_WithAVerifiedEmailAnotherUserHoldsAsAlias_IsUsernameExistsNamingTheEmail()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email", "preferred_username") });
        await _wire.CreateUserAsync(pool, "ann", ("email", "shared@example.com"), ("email_verified", "true"), ("preferred_username", "annie"));

        var email = await _wire.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = "ben",
            UserAttributes = new[] { new { Name = "email", Value = "shared@example.com" }, new { Name = "email_verified", Value = "true" } },
        });
        var preferred = await _wire.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = "cat",
            UserAttributes = new[] { new { Name = "preferred_username", Value = "annie" } },
        });
        var unverified = await _wire.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = "dan",
            UserAttributes = new[] { new { Name = "email", Value = "shared@example.com" } },
        });

        email.ShouldBeError(Exists, "An account with the given email already exists.");
        preferred.ShouldBeError(Exists, "An account with the given preferred username already exists.");
        unverified.ShouldBeOk();
        (await _wire.GetUserAsync(pool, "shared@example.com"))["Username"]!.GetValue<string>().Should().Be("ann");
    }

    [Fact]
    public async Task AdminCreateUser_InAPoolWithUsernameAttributes_WithATakenEmail_IsUsernameExistsNamingTheEmail()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["UsernameAttributes"] = new JsonArray("email") });
        await _wire.CreateUserAsync(pool, "erin@example.com");

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "erin@example.com" });

        response.ShouldBeError(Exists, "An account with the given email already exists.");
    }

    [Fact]
    public async Task AdminCreateUser_WithForceAliasCreation_TakesTheVerifiedAliasFromItsHolder()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email", "phone_number") });
        await _wire.CreateUserAsync(pool, "ann", ("email", "shared@example.com"), ("email_verified", "true"), ("phone_number", "+15555550100"), ("phone_number_verified", "true"));

        var response = await _wire.CallAsync("AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = "ben",
            ForceAliasCreation = true,
            UserAttributes = new[] { new { Name = "email", Value = "shared@example.com" }, new { Name = "email_verified", Value = "true" } },
        });

        response.ShouldBeOk();
        (await _wire.GetUserAsync(pool, "shared@example.com"))["Username"]!.GetValue<string>().Should().Be("ben");
        var ann = Setup.Attributes((await _wire.GetUserAsync(pool, "ann"))["UserAttributes"]);
        ann["email"].Should().Be("shared@example.com");
        ann["email_verified"].Should().Be("false");
        ann["phone_number_verified"].Should().Be("true");
        (await _wire.GetUserAsync(pool, "+15555550100"))["Username"]!.GetValue<string>().Should().Be("ann");
    }

    [Fact]
    public async Task AdminCreateUser_WithAWeakTemporaryPassword_IsInvalidPasswordNamingTheRule()
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ann", TemporaryPassword = "passw0rd!" });

        response.ShouldBeError("InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters");
    }

    [Theory]
    [InlineData("shoe_size", "42", "Attributes did not conform to the schema: shoe_size: Attribute does not exist in the schema.\n")]
    [InlineData("custom:plan", "gold", "Attributes did not conform to the schema: custom:plan: Attribute does not exist in the schema.\n")]
    [InlineData("sub", "5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e", "Cannot modify the non-mutable attribute sub")]
    [InlineData("email", "not-an-email", "Invalid email address format.")]
    [InlineData("phone_number", "555-0100", "Invalid phone number format.")]
    [InlineData("email_verified", "yes", "Attributes did not conform to the schema: email_verified: The value must be true or false.\n")]
    public async Task AdminCreateUser_WithAnAttributeItCannotHave_IsInvalid(string name, string value, string message)
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ann", UserAttributes = new[] { new { Name = name, Value = value } } });

        response.ShouldBeError(Invalid, message);
    }

    [Fact]
    public async Task AdminCreateUser_WithoutAnAttributeTheSchemaRequires_IsInvalid()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject
        {
            ["Schema"] = new JsonArray(new JsonObject { ["Name"] = "email", ["Required"] = true }, new JsonObject { ["Name"] = "given_name", ["Required"] = true }),
        });

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ann" });

        response.ShouldBeError(Invalid, "Attributes did not conform to the schema: email: The attribute is required\ngiven_name: The attribute is required\n");
    }

    [Fact]
    public async Task AdminCreateUser_WithResend_GivesAnInvitedUserANewTemporaryPassword()
    {
        var pool = await _wire.CreatePoolAsync();
        var created = await _wire.CreateUserAsync(pool, "ann");

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ann", MessageAction = "RESEND", TemporaryPassword = "N3wTemp0rary!" });

        response.ShouldBeOk();
        Setup.Sub(response.Json["User"]!).Should().Be(Setup.Sub(created));
        var stored = _mock.Backend.Store.FindUserBySub(pool, Setup.Sub(created))!;
        PasswordCredentials.Matches(stored.Password!, "N3wTemp0rary!").Should().BeTrue();
    }

    [Fact]
    public async Task AdminCreateUser_ResendingToAConfirmedUser_IsUnsupportedUserState()
    {
        var pool = await _wire.CreatePoolAsync();
        await _wire.CreateUserAsync(pool, "ann");
        (await _wire.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "ann", Password = "Passw0rd!!", Permanent = true })).ShouldBeOk();

        var response = await _wire.CallAsync("AdminCreateUser", new { UserPoolId = pool, Username = "ann", MessageAction = "RESEND" });

        response.ShouldBeError("UnsupportedUserStateException", "Resend not possible. The user's status is CONFIRMED.");
    }
}
