using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;

namespace CognitoMock.AspNetCore.Tests.Devices;

/// <summary>docs/behaviour.md §3: which names find a user, on the demo pools.</summary>
public sealed class AdminListDevicesResolutionTests(DemoMock demo) : IClassFixture<DemoMock>
{
    private const string AliasPool = "us-east-1_DemoAlias";
    private const string EmailPool = "us-east-1_DemoEmail";
    private const string NoCasePool = "us-east-1_DemoNoCase";

    private readonly Wire _wire = new(demo.Mock);

    [Theory]
    [InlineData(AliasPool, "alice", "alice")]
    [InlineData(AliasPool, "alice@example.com", "alice")]
    [InlineData(AliasPool, "+15555550100", "alice")]
    [InlineData(AliasPool, "ally", "alice")]
    [InlineData(AliasPool, "5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e", "alice")]
    [InlineData(EmailPool, "erin@example.com", "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8")]
    [InlineData(EmailPool, "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8", "e4f5a6b7-c8d9-4e0f-a1b2-c3d4e5f6a7b8")]
    [InlineData(NoCasePool, "grace", "Grace")]
    [InlineData(NoCasePool, "GRACE", "Grace")]
    [InlineData(NoCasePool, "grace.hopper@example.com", "Grace")]
    [InlineData(NoCasePool, "amazinggrace", "Grace")]
    public async Task AdminListDevices_ByAnyNameOfTheUser_ReturnsThatUsersDevices(string pool, string name, string owner)
    {
        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = pool, Username = name });

        response.ShouldBeOk();
        var devices = response.Json["Devices"]!.AsArray();
        devices.Should().NotBeEmpty();
        devices.Select(d => Attribute(d!, "dev:device_owner")).Should().AllBe($"{owner}.{pool}");
    }

    [Theory]
    [InlineData(AliasPool, "carol@example.com")] // email not verified
    [InlineData(AliasPool, "Alice")] // the pool is case-sensitive
    [InlineData(AliasPool, "ALICE@example.com")] // case-sensitive pools match aliases exactly
    [InlineData(AliasPool, "nobody")]
    [InlineData(EmailPool, "frank")] // no such username, and frank's email is the name
    [InlineData(NoCasePool, "5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e")] // alice's sub, but another pool
    public async Task AdminListDevices_WithANameThatFindsNoUser_IsUserNotFound(string pool, string name)
    {
        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = pool, Username = name });

        response.ShouldBeError("UserNotFoundException", "User does not exist.");
    }

    [Fact]
    public async Task AdminListDevices_ForAUserWithoutDevices_ReturnsAnEmptyListAndNoToken()
    {
        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = AliasPool, Username = "dave" });

        response.ShouldBeOk();
        response.Json["Devices"]!.AsArray().Should().BeEmpty();
        response.Json.ContainsKey("PaginationToken").Should().BeFalse();
    }

    [Fact]
    public async Task AdminListDevices_WithAnUnknownPool_IsResourceNotFound()
    {
        var response = await _wire.CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_XXXX", Username = "alice" });

        response.ShouldBeError("ResourceNotFoundException", "User pool us-east-1_XXXX does not exist.");
    }

    private static string Attribute(JsonNode device, string name) =>
        device["DeviceAttributes"]!.AsArray().Single(a => a!["Name"]!.GetValue<string>() == name)!["Value"]!.GetValue<string>();
}
