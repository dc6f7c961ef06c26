using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Domain;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>AdminGetUser, AdminDeleteUser, AdminSetUserPassword, AdminEnableUser, AdminDisableUser and AdminConfirmSignUp.</summary>
public sealed class AdminUserTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private const string NoUser = "User does not exist.";

    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    [Fact]
    public async Task AdminGetUser_FindsTheUserByUsernameActiveAliasOrSub()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email", "phone_number", "preferred_username") });
        var ann = await _wire.CreateUserAsync(pool, "ann", ("email", "ann@example.com"), ("email_verified", "true"), ("phone_number", "+15555550100"), ("preferred_username", "annie"));

        foreach (var name in new[] { "ann", "ann@example.com", "annie", Setup.Sub(ann) })
        {
            var user = await _wire.GetUserAsync(pool, name);
            user["Username"]!.GetValue<string>().Should().Be("ann", name);
        }

        (await _wire.CallAsync("AdminGetUser", new { UserPoolId = pool, Username = "+15555550100" })).ShouldBeError("UserNotFoundException", NoUser);
    }

    [Fact]
    public async Task AdminGetUser_ReturnsTheUsersStateAndNoMfaMembers()
    {
        var pool = await _wire.CreatePoolAsync();
        await _wire.CreateUserAsync(pool, "ann", ("given_name", "Ann"));

        var user = await _wire.GetUserAsync(pool, "ann");

        user.Select(m => m.Key).Should().BeEquivalentTo("Username", "UserAttributes", "UserCreateDate", "UserLastModifiedDate", "Enabled", "UserStatus");
        Setup.Attributes(user["UserAttributes"]).Should().ContainKey("sub").And.Contain("given_name", "Ann");
    }

    [Fact]
    public async Task AdminDeleteUser_RemovesTheUserItsNamesAndItsDevices()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email") });
        var ann = await _wire.CreateUserAsync(pool, "ann", ("email", "ann@example.com"), ("email_verified", "true"));
        var deviceKey = "us-east-1_0000aaaa-0000-4000-8000-00000000e001";
        var annId = _mock.Backend.Store.FindUserBySub(pool, Setup.Sub(ann))!.Id;
        _mock.Backend.Store.Write(tx => tx.InsertDevice(new Device { DeviceKey = deviceKey, UserId = annId, Confirmed = true }));

        var response = await _wire.CallAsync("AdminDeleteUser", new { UserPoolId = pool, Username = "ann@example.com" });

        response.ShouldBeOk();
        response.Text.Should().Be("{}");
        (await _wire.CallAsync("AdminGetUser", new { UserPoolId = pool, Username = "ann" })).ShouldBeError("UserNotFoundException", NoUser);
        _mock.Backend.Store.GetDevice(annId, deviceKey).Should().BeNull();
        await _wire.CreateUserAsync(pool, "ann", ("email", "ann@example.com"), ("email_verified", "true"));
    }

    [Theory]
    [InlineData(true, "CONFIRMED")]
    [InlineData(false, "FORCE_CHANGE_PASSWORD")]
    public async Task AdminSetUserPassword_PermanentConfirms_TemporaryForcesAChange(bool permanent, string status)
    {
        var pool = await _wire.CreatePoolAsync();
        var ann = await _wire.CreateUserAsync(pool, "ann");
        _mock.Clock.Advance(TimeSpan.FromSeconds(30));

        var response = await _wire.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "ann", Password = "N3w-Passw0rd", Permanent = permanent });

        response.ShouldBeOk();
        response.Text.Should().Be("{}");
        var user = await _wire.GetUserAsync(pool, "ann");
        user["UserStatus"]!.GetValue<string>().Should().Be(status);
        user["UserLastModifiedDate"]!.GetValue<double>().Should().Be(ann["UserCreateDate"]!.GetValue<double>() + 30);
        var stored = _mock.Backend.Store.FindUserBySub(pool, Setup.Sub(ann))!;
        PasswordCredentials.Matches(stored.Password!, "N3w-Passw0rd").Should().BeTrue();
        PasswordCredentials.Matches(stored.Password!, Setup.Password).Should().BeFalse();
    }

    [Theory]
    [InlineData("Sh0rt!", "Password not long enough")]
    [InlineData("passw0rd!", "Password must have uppercase characters")]
    [InlineData("PASSW0RD!", "Password must have lowercase characters")]
    [InlineData("Password!", "Password must have numeric characters")]
    [InlineData("Passw0rd", "Password must have symbol characters")]
    public async Task AdminSetUserPassword_AgainstTheDefaultPolicy_IsInvalidPasswordNamingTheRule(string password, string rule)
    {
        var pool = await _wire.CreatePoolAsync();
        await _wire.CreateUserAsync(pool, "ann");

        var response = await _wire.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "ann", Password = password, Permanent = true });

        response.ShouldBeError("InvalidPasswordException", "Password did not conform with policy: " + rule);
    }

    [Fact]
    public async Task AdminSetUserPassword_FollowsThePoolsOwnPolicy()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject
        {
            ["Policies"] = new JsonObject { ["PasswordPolicy"] = new JsonObject { ["MinimumLength"] = 6, ["RequireNumbers"] = true } },
        });
        await _wire.CreateUserAsync(pool, "ann");

        var weak = await _wire.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "ann", Password = "simple", Permanent = true });
        var enough = await _wire.CallAsync("AdminSetUserPassword", new { UserPoolId = pool, Username = "ann", Password = "simple1", Permanent = true });

        weak.ShouldBeError("InvalidPasswordException", "Password did not conform with policy: Password must have numeric characters");
        enough.ShouldBeOk();
    }

    [Fact]
    public async Task AdminDisableUser_ThenAdminEnableUser_TogglesEnabled()
    {
        var pool = await _wire.CreatePoolAsync();
        await _wire.CreateUserAsync(pool, "ann");

        var disabled = await _wire.CallAsync("AdminDisableUser", new { UserPoolId = pool, Username = "ann" });
        var whileDisabled = await _wire.GetUserAsync(pool, "ann");
        var enabled = await _wire.CallAsync("AdminEnableUser", new { UserPoolId = pool, Username = "ann" });

        disabled.ShouldBeOk();
        disabled.Text.Should().Be("{}");
        whileDisabled["Enabled"]!.GetValue<bool>().Should().BeFalse();
        enabled.ShouldBeOk();
        enabled.Text.Should().Be("{}");
        (await _wire.GetUserAsync(pool, "ann"))["Enabled"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task AdminConfirmSignUp_ConfirmsAnUnconfirmedUser()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool);
        (await _wire.CallAsync("SignUp", new { ClientId = clientId, Username = "una", Password = Setup.Password }, signed: false)).ShouldBeOk();

        var response = await _wire.CallAsync("AdminConfirmSignUp", new { UserPoolId = pool, Username = "una" });

        response.ShouldBeOk();
        response.Text.Should().Be("{}");
        (await _wire.GetUserAsync(pool, "una"))["UserStatus"]!.GetValue<string>().Should().Be("CONFIRMED");
    }

    [Fact]
    public async Task AdminConfirmSignUp_OfAUserNotUnconfirmed_IsNotAuthorizedNamingItsStatus()
    {
        var pool = await _wire.CreatePoolAsync();
        await _wire.CreateUserAsync(pool, "ann");

        var response = await _wire.CallAsync("AdminConfirmSignUp", new { UserPoolId = pool, Username = "ann" });

        response.ShouldBeError("NotAuthorizedException", "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD");
    }
}
