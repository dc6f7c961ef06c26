using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Seeding;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Devices;

/// <summary>docs/behaviour.md §4: what a device looks like to the admin operations, from the stored data.</summary>
public sealed class AdminListDevicesOutputTests
{
    [Fact]
    public async Task AdminListDevices_ShowsTheAdminAttributeSetAndDatesFromTheStore()
    {
        using var mock = InProcessCognitoMock.Start(s => s.Engine.AccountId = "210987654321");
        mock.Seed(OnePool("us-east-1_Output1", new SeedDevice
        {
            DeviceKey = "us-east-1_0f1e2d3c-4b5a-4697-8877-665544332211",
            DeviceName = "Kitchen tablet",
            RememberedStatus = "not_remembered",
            LastIpUsed = "192.0.2.33",
            DeviceSdk = "aws-sdk-android",
            DeviceCreateDate = new DateTime(2026, 5, 7, 16, 52, 22, 22, DateTimeKind.Utc),
            DeviceLastModifiedDate = new DateTime(2026, 5, 8, 0, 0, 0, DateTimeKind.Utc),
            DeviceLastAuthenticatedDate = new DateTime(2026, 5, 9, 1, 2, 3, 450, DateTimeKind.Utc),
        }));

        var response = await new Wire(mock).CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_Output1", Username = "owner" });

        response.ShouldBeOk();
        var device = response.Json["Devices"]!.AsArray().Single()!;
        device["DeviceKey"]!.GetValue<string>().Should().Be("us-east-1_0f1e2d3c-4b5a-4697-8877-665544332211");
        Attributes(device).Should().Equal(
            ("device_status", "valid"),
            ("device_name", "Kitchen tablet"),
            ("dev:device_arn", "arn:aws:cognito-idp:us-east-1:210987654321:owner/owner.us-east-1_Output1/device/us-east-1_0f1e2d3c-4b5a-4697-8877-665544332211"),
            ("dev:device_owner", "owner.us-east-1_Output1"),
            ("last_ip_used", "192.0.2.33"),
            ("dev:device_remembered_status", "not_remembered"),
            ("dev:device_sdk", "aws-sdk-android"));
        // Epoch seconds as JSON numbers, with the milliseconds as a fraction (docs/behaviour.md §1).
        response.Text.Should().Contain("\"DeviceCreateDate\":1778172742.022")
            .And.Contain("\"DeviceLastModifiedDate\":1778198400,")
            .And.Contain("\"DeviceLastAuthenticatedDate\":1778288523.45");
    }

    [Fact]
    public async Task AdminListDevices_LeavesOutWhatADeviceDoesNotHave()
    {
        using var mock = InProcessCognitoMock.Start();
        mock.Seed(OnePool("us-east-1_Output2", new SeedDevice { DeviceKey = "us-east-1_aaaaaaaa-0000-4000-8000-000000000001" }));

        var response = await new Wire(mock).CallAsync("AdminListDevices", new { UserPoolId = "us-east-1_Output2", Username = "owner" });

        response.ShouldBeOk();
        var device = response.Json["Devices"]!.AsArray().Single()!;
        Attributes(device).Select(a => a.Name).Should().Equal(
            "device_status", "dev:device_arn", "dev:device_owner", "dev:device_remembered_status");
        device.AsObject().ContainsKey("DeviceLastAuthenticatedDate").Should().BeFalse();
        response.Text.Should().NotContain("null");
    }

    internal static SeedDocument OnePool(string poolId, params SeedDevice[] devices) => new()
    {
        UserPools =
        [
            new SeedUserPool
            {
                Id = poolId,
                Name = "output",
                Users = [new SeedUser { Username = "owner", Devices = [.. devices] }],
            },
        ],
    };

    private static IEnumerable<(string Name, string Value)> Attributes(JsonNode device) =>
        device["DeviceAttributes"]!.AsArray().Select(a => (a!["Name"]!.GetValue<string>(), a["Value"]!.GetValue<string>()));
}
