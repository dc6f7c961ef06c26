using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Domain;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>AdminListDevices keeps finding users through the aliases and case rules the management API sets.</summary>
public sealed class AliasLifecycleTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    [Fact]
    public async Task AdminListDevices_FollowsAnEmailAliasFromVerificationToChange()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject
        {
            ["AliasAttributes"] = new JsonArray("email"),
            ["DeviceConfiguration"] = new JsonObject { ["ChallengeRequiredOnNewDevice"] = true },
        });
        var user = await _wire.CreateUserAsync(pool, "alice", ("email", "alice@example.com"));
        var deviceKey = "us-east-1_0000cccc-0000-4000-8000-000000000001";
        _mock.Backend.Store.Write(tx => tx.InsertDevice(new Device
        {
            DeviceKey = deviceKey,
            UserId = _mock.Backend.Store.FindUserBySub(pool, Setup.Sub(user))!.Id,
            DeviceGroupKey = "-AbCdEfGh",
            Confirmed = true,
            Remembered = true,
            DeviceCreateDate = _mock.Backend.Time.GetUtcNow().UtcDateTime,
        }));

        var beforeVerification = await ListDevicesAsync(pool, "alice@example.com");
        await _wire.UpdateAttributesAsync(pool, "alice", ("email_verified", "true"));
        var verified = await ListDevicesAsync(pool, "alice@example.com");
        await _wire.UpdateAttributesAsync(pool, "alice", ("email", "alice@new.example.com"));
        var oldAddress = await ListDevicesAsync(pool, "alice@example.com");
        var byUsername = await ListDevicesAsync(pool, "alice");

        beforeVerification.ShouldBeError("UserNotFoundException", "User does not exist.");
        verified.ShouldBeOk();
        verified.Json["Devices"]!.AsArray().Single()!["DeviceKey"]!.GetValue<string>().Should().Be(deviceKey);
        oldAddress.ShouldBeError("UserNotFoundException", "User does not exist.");
        byUsername.Json["Devices"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task AdminListDevices_InACaseInsensitivePool_FindsTheUserInAnyCaseOfItsUsernameAndAliases()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject
        {
            ["AliasAttributes"] = new JsonArray("email", "preferred_username"),
            ["UsernameConfiguration"] = new JsonObject { ["CaseSensitive"] = false },
        });
        await _wire.CreateUserAsync(pool, "Grace", ("email", "Grace.Hopper@example.com"), ("email_verified", "true"), ("preferred_username", "AmazingGrace"));

        foreach (var name in new[] { "grace", "GRACE", "grace.hopper@EXAMPLE.com", "amazinggrace" })
        {
            var response = await ListDevicesAsync(pool, name);
            response.ShouldBeOk();
            response.Json["Devices"]!.AsArray().Should().BeEmpty(name);
        }
    }

    private Task<WireResponse> ListDevicesAsync(string pool, string username) =>
        _wire.CallAsync("AdminListDevices", new { UserPoolId = pool, Username = username });
}
