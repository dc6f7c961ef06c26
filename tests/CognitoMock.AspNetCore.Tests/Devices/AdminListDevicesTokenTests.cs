using CognitoMock.AspNetCore.Tests.Support;
using static CognitoMock.AspNetCore.Tests.Devices.AdminListDevicesPagingTests;

namespace CognitoMock.AspNetCore.Tests.Devices;

/// <summary>docs/behaviour.md §5: PaginationTokens are opaque, tamper-evident, bound to their request, and expire.</summary>
public sealed class AdminListDevicesTokenTests
{
    private const string Invalid = "InvalidParameterException";

    [Fact]
    public async Task AdminListDevices_WithAGarbageToken_SaysTheTokenIsMalformed()
    {
        using var mock = MockWithDevices(3);

        var response = await new Wire(mock).CallAsync("AdminListDevices", Request(1, "not-a-token"));

        response.ShouldBeError(Invalid, $"Paging marker not-a-token is invalid for request {response.RequestId}: the token is malformed.");
    }

    [Fact]
    public async Task AdminListDevices_WithATamperedToken_SaysItWasTamperedWith()
    {
        using var mock = MockWithDevices(3);
        var wire = new Wire(mock);
        var token = await FirstTokenAsync(wire);
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        var response = await wire.CallAsync("AdminListDevices", Request(1, tampered));

        response.ShouldBeError(Invalid,
            $"Paging marker {tampered} is invalid for request {response.RequestId}: the token has been tampered with, or was issued by another instance.");
    }

    [Fact]
    public async Task AdminListDevices_WithATruncatedToken_IsRefused()
    {
        using var mock = MockWithDevices(3);
        var wire = new Wire(mock);
        var token = await FirstTokenAsync(wire);

        var response = await wire.CallAsync("AdminListDevices", Request(1, token[..^4]));

        response.Json["__type"]!.GetValue<string>().Should().Be(Invalid);
        response.Json["message"]!.GetValue<string>().Should().StartWith($"Paging marker {token[..^4]} is invalid for request {response.RequestId}: ");
    }

    [Fact]
    public async Task AdminListDevices_WithAnotherUsersToken_SaysTheTokenIsForeign()
    {
        using var mock = MockWithDevices(3);
        var wire = new Wire(mock);
        var ownersToken = await FirstTokenAsync(wire);

        var response = await wire.CallAsync("AdminListDevices", Request(1, ownersToken, username: "other"));

        response.ShouldBeError(Invalid,
            $"Paging marker {ownersToken} is invalid for request {response.RequestId}: the token was issued for another operation, user pool or user.");
    }

    [Fact]
    public async Task AdminListDevices_ATokenFollowsTheResolvedUser_SoAnAliasOfTheSameUserMayUseIt()
    {
        using var mock = MockWithDevices(3);
        var wire = new Wire(mock);
        var token = await FirstTokenAsync(wire);

        var response = await wire.CallAsync("AdminListDevices", Request(1, token, username: "owner@example.com"));

        response.ShouldBeOk();
        response.Json["Devices"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task AdminListDevices_ATokenFromAnotherInstance_IsRefused()
    {
        using var first = MockWithDevices(3);
        using var second = MockWithDevices(3);
        var token = await FirstTokenAsync(new Wire(first));

        var response = await new Wire(second).CallAsync("AdminListDevices", Request(1, token));

        response.Json["message"]!.GetValue<string>().Should().EndWith(": the token has been tampered with, or was issued by another instance.");
    }

    [Fact]
    public async Task AdminListDevices_ATokenIsGoodForAnHourByTheMocksClock_ThenExpired()
    {
        using var mock = MockWithDevices(3);
        var wire = new Wire(mock);
        var token = await FirstTokenAsync(wire);

        mock.Clock.Advance(TimeSpan.FromMinutes(59));
        (await wire.CallAsync("AdminListDevices", Request(1, token))).ShouldBeOk();

        mock.Clock.Advance(TimeSpan.FromMinutes(1));
        var response = await wire.CallAsync("AdminListDevices", Request(1, token));
        response.ShouldBeError(Invalid, $"Paging marker {token} is invalid for request {response.RequestId}: the token has expired.");
    }

    [Fact]
    public async Task AdminListDevices_TheTokenLifetimeIsConfigurable()
    {
        using var mock = MockWithDevices(3, s => s.Engine.PaginationTokenTtl = TimeSpan.FromSeconds(30));
        var wire = new Wire(mock);
        var token = await FirstTokenAsync(wire);

        mock.Clock.Advance(TimeSpan.FromSeconds(30));
        var response = await wire.CallAsync("AdminListDevices", Request(1, token));

        response.Json["message"]!.GetValue<string>().Should().EndWith(": the token has expired.");
    }

    [Fact]
    public async Task AdminListDevices_ChecksThePoolAndUserBeforeTheToken()
    {
        using var mock = MockWithDevices(3);
        var wire = new Wire(mock);

        (await wire.CallAsync("AdminListDevices", Request(1, "garbage", username: "nobody")))
            .ShouldBeError("UserNotFoundException", "User does not exist.");
        (await wire.CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_Missing", Username = "nobody", PaginationToken = "garbage" }))
            .ShouldBeError("ResourceNotFoundException", "User pool us-east-1_Missing does not exist.");
    }

    private static async Task<string> FirstTokenAsync(Wire wire)
    {
        var response = await wire.CallAsync("AdminListDevices", Request(1, null));
        response.ShouldBeOk();
        return response.Json["PaginationToken"]!.GetValue<string>();
    }
}
