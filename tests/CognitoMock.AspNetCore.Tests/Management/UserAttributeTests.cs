using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>AdminUpdateUserAttributes and AdminDeleteUserAttributes, and what they do to the names that find a user.</summary>
public sealed class UserAttributeTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private const string Invalid = "InvalidParameterException";
    private const string NoUser = "User does not exist.";

    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    [Fact]
    public async Task AdminUpdateUserAttributes_SetsTheAttributes_AndTouchesTheModificationDateOnly()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["Schema"] = new JsonArray(new JsonObject { ["Name"] = "plan" }) });
        var created = await _wire.CreateUserAsync(pool, "ann", ("given_name", "Ann"));
        _mock.Clock.Advance(TimeSpan.FromMinutes(2));

        var response = await _wire.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = pool,
            Username = "ann",
            UserAttributes = new[] { new { Name = "given_name", Value = "Annie" }, new { Name = "custom:plan", Value = "gold" } },
        });

        response.ShouldBeOk();
        response.Text.Should().Be("{}");
        var user = await _wire.GetUserAsync(pool, "ann");
        Setup.Attributes(user["UserAttributes"]).Should().Contain("given_name", "Annie").And.Contain("custom:plan", "gold").And.Contain("sub", Setup.Sub(created));
        user["UserCreateDate"]!.GetValue<double>().Should().Be(created["UserCreateDate"]!.GetValue<double>());
        user["UserLastModifiedDate"]!.GetValue<double>().Should().Be(created["UserCreateDate"]!.GetValue<double>() + 120);
    }

    [Fact]
    public async Task AdminUpdateUserAttributes_ANewEmailIsUnverified_SoTheOldAndNewAddressesStopFindingTheUser()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email") });
        await _wire.CreateUserAsync(pool, "ann", ("email", "ann@example.com"), ("email_verified", "true"));

        await _wire.UpdateAttributesAsync(pool, "ann", ("email", "ann@new.example.com"));

        Setup.Attributes((await _wire.GetUserAsync(pool, "ann"))["UserAttributes"]).Should().Contain("email", "ann@new.example.com").And.Contain("email_verified", "false");
        (await _wire.CallAsync("AdminGetUser", new { UserPoolId = pool, Username = "ann@example.com" })).ShouldBeError("UserNotFoundException", NoUser);
        (await _wire.CallAsync("AdminGetUser", new { UserPoolId = pool, Username = "ann@new.example.com" })).ShouldBeError("UserNotFoundException", NoUser);
    }

    [Fact]
    public async Task AdminUpdateUserAttributes_ANewPhoneNumberVerifiedInTheSameCall_FindsTheUser()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("phone_number") });
        await _wire.CreateUserAsync(pool, "ann", ("phone_number", "+15555550100"), ("phone_number_verified", "true"));

        await _wire.UpdateAttributesAsync(pool, "ann", ("phone_number", "+15555550199"), ("phone_number_verified", "true"));

        (await _wire.GetUserAsync(pool, "+15555550199"))["Username"]!.GetValue<string>().Should().Be("ann");
        (await _wire.CallAsync("AdminGetUser", new { UserPoolId = pool, Username = "+15555550100" })).ShouldBeError("UserNotFoundException", NoUser);
    }

    [Fact]
    public async Task AdminUpdateUserAttributes_TheSameEmailAgain_StaysVerified()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email") });
        await _wire.CreateUserAsync(pool, "ann", ("email", "ann@example.com"), ("email_verified", "true"));

        await _wire.UpdateAttributesAsync(pool, "ann", ("email", "ann@example.com"));

        (await _wire.GetUserAsync(pool, "ann@example.com"))["Username"]!.GetValue<string>().Should().Be("ann");
    }

    [Theory]
    [InlineData("email", "ann@example.com", "email_verified", "An account with the given email already exists.")]
    [InlineData("phone_number", "+15555550100", "phone_number_verified", "An account with the given phone number already exists.")]
    public async Task AdminUpdateUserAttributes_VerifyingAnAliasAnotherUserHolds_IsAliasExists(string name, string value, string flag, string message)
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email", "phone_number") });
        await _wire.CreateUserAsync(pool, "ann", (name, value), (flag, "true"));
        await _wire.CreateUserAsync(pool, "ben", (name, value));

        var response = await _wire.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = pool,
            Username = "ben",
            UserAttributes = new[] { new { Name = flag, Value = "true" } },
        });

        response.ShouldBeError("AliasExistsException", message);
        Setup.Attributes((await _wire.GetUserAsync(pool, "ben"))["UserAttributes"]).Should().NotContainKey(flag);
    }

    [Fact]
    public async Task AdminUpdateUserAttributes_MovingFromOneVerifiedEmailToOneAnotherUserHolds_IsAliasExists_AndKeepsTheOldOne()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email") });
        await _wire.CreateUserAsync(pool, "ann", ("email", "ann@example.com"), ("email_verified", "true"));
        await _wire.CreateUserAsync(pool, "ben", ("email", "ben@example.com"), ("email_verified", "true"));
        await _wire.UpdateAttributesAsync(pool, "ann", ("email", "hot@example.com"), ("email_verified", "true"));

        var response = await _wire.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = pool,
            Username = "ben",
            UserAttributes = new[] { new { Name = "email", Value = "hot@example.com" }, new { Name = "email_verified", Value = "true" } },
        });

        response.ShouldBeError("AliasExistsException", "An account with the given email already exists.");
        (await _wire.GetUserAsync(pool, "hot@example.com"))["Username"]!.GetValue<string>().Should().Be("ann");
        (await _wire.GetUserAsync(pool, "ben@example.com"))["Username"]!.GetValue<string>().Should().Be("ben");
    }

    [Fact]
    public async Task AdminUpdateUserAttributes_APreferredUsernameAnotherUserHolds_IsAliasExists_InEitherCaseInACaseInsensitivePool()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject
        {
            ["AliasAttributes"] = new JsonArray("preferred_username"),
            ["UsernameConfiguration"] = new JsonObject { ["CaseSensitive"] = false },
        });
        await _wire.CreateUserAsync(pool, "ann", ("preferred_username", "annie"));
        await _wire.CreateUserAsync(pool, "ben");

        var response = await _wire.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = pool,
            Username = "ben",
            UserAttributes = new[] { new { Name = "preferred_username", Value = "ANNIE" } },
        });

        response.ShouldBeError("AliasExistsException", "An account with the given preferred username already exists.");
    }

    [Fact]
    public async Task AdminUpdateUserAttributes_InAPoolWithUsernameAttributes_AnEmailAnotherUserHas_IsAliasExists()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["UsernameAttributes"] = new JsonArray("email") });
        await _wire.CreateUserAsync(pool, "erin@example.com");
        await _wire.CreateUserAsync(pool, "frank@example.com");

        var response = await _wire.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = pool,
            Username = "frank@example.com",
            UserAttributes = new[] { new { Name = "email", Value = "erin@example.com" } },
        });

        response.ShouldBeError("AliasExistsException", "An account with the given email already exists.");
    }

    [Theory]
    [InlineData("custom:tenant", "other", "Cannot modify the non-mutable attribute custom:tenant")]
    [InlineData("sub", "5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e", "Cannot modify the non-mutable attribute sub")]
    [InlineData("custom:nope", "x", "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n")]
    [InlineData("email", "nope", "Invalid email address format.")]
    public async Task AdminUpdateUserAttributes_WithAnAttributeItCannotSet_IsInvalid(string name, string value, string message)
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["Schema"] = new JsonArray(new JsonObject { ["Name"] = "tenant", ["Mutable"] = false }) });
        await _wire.CreateUserAsync(pool, "ann", ("custom:tenant", "acme"));

        var response = await _wire.CallAsync("AdminUpdateUserAttributes", new { UserPoolId = pool, Username = "ann", UserAttributes = new[] { new { Name = name, Value = value } } });

        response.ShouldBeError(Invalid, message);
    }

    [Fact]
    public async Task AdminDeleteUserAttributes_RemovesThem_AndAnEmailTakesItsVerificationAndAliasWithIt()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email") });
        await _wire.CreateUserAsync(pool, "ann", ("email", "ann@example.com"), ("email_verified", "true"), ("given_name", "Ann"), ("family_name", "Smith"));

        var response = await _wire.CallAsync("AdminDeleteUserAttributes", new { UserPoolId = pool, Username = "ann@example.com", UserAttributeNames = new[] { "email", "given_name" } });

        response.ShouldBeOk();
        response.Text.Should().Be("{}");
        Setup.Attributes((await _wire.GetUserAsync(pool, "ann"))["UserAttributes"]).Keys.Should().BeEquivalentTo("sub", "family_name");
        (await _wire.CallAsync("AdminGetUser", new { UserPoolId = pool, Username = "ann@example.com" })).ShouldBeError("UserNotFoundException", NoUser);
    }

    [Theory]
    [InlineData("sub", "Cannot modify the non-mutable attribute sub")]
    [InlineData("custom:nope", "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n")]
    [InlineData("given_name", "Attributes did not conform to the schema: given_name: The attribute is required\n")]
    public async Task AdminDeleteUserAttributes_OfAnAttributeItCannotDelete_IsInvalid(string name, string message)
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["Schema"] = new JsonArray(new JsonObject { ["Name"] = "given_name", ["Required"] = true }) });
        await _wire.CreateUserAsync(pool, "ann", ("given_name", "Ann"));

        var response = await _wire.CallAsync("AdminDeleteUserAttributes", new { UserPoolId = pool, Username = "ann", UserAttributeNames = new[] { name } });

        response.ShouldBeError(Invalid, message);
    }
}
