using CognitoMock.Domain;
using CognitoMock.Storage;
using LiteDB;

namespace CognitoMock.Tests.Storage;

/// <summary>Devices are mapped by hand; what they store must be what the reflection mapper stored before, both ways.</summary>
public sealed class DeviceDocumentsTests
{
    // The store's reflection mapper, but for its own mapping of devices.
    private static readonly BsonMapper Reflection = new()
    {
        TrimWhitespace = false,
        EmptyStringToNull = false,
        SerializeNullValues = false,
        ResolveMember = StoreMapper.StoreOnlyState,
    };

    public static TheoryData<string> Devices => ["full", "bare"];

    [Theory]
    [MemberData(nameof(Devices))]
    public void ADevice_IsStoredAsTheReflectionMapperStoredIt_AndReadBackWhole(string which)
    {
        var device = Sample(which);

        var ours = DeviceDocuments.ToDocument(device).AsDocument;
        var theirs = Reflection.ToDocument(device);

        ours.Keys.Order().Should().Equal(theirs.Keys.Order());
        foreach (var key in theirs.Keys)
        {
            ours[key].Should().Be(theirs[key], key);
        }

        DeviceDocuments.FromDocument(theirs).Should().BeEquivalentTo(device, "a data file written before reads the same");
        DeviceDocuments.FromDocument(ours).Should().BeEquivalentTo(device);
    }

    [Fact]
    public void ADeviceThroughTheStore_ComesBackWhole()
    {
        using var test = new TestBackend();
        var device = Sample("full");

        test.Store.Write(tx => tx.InsertDevice(device));

        test.Store.GetDevice(device.UserId, device.DeviceKey).Should().BeEquivalentTo(device);
    }

    private static Device Sample(string which)
    {
        var created = new DateTime(2026, 3, 4, 5, 6, 7, 8, DateTimeKind.Utc);
        return which == "full"
            ? new Device
            {
                DeviceKey = "us-east-1_0d3c3b0e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", UserId = "user-1", DeviceGroupKey = "-abcdefgh",
                DeviceName = " kim's  laptop ", Confirmed = true, Remembered = true, LastIpUsed = "10.0.0.1", DeviceSdk = "aws-sdk-js",
                DeviceCreateDate = created, DeviceLastModifiedDate = created.AddHours(1), DeviceLastAuthenticatedDate = created.AddHours(2),
                Verifier = new DeviceVerifier { PasswordVerifier = "dmVyaWZpZXI=", Salt = "c2FsdA==" },
            }
            : new Device
            {
                DeviceKey = "us-east-1_1d3c3b0e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", UserId = "user-2", DeviceGroupKey = "-ijklmnop",
                DeviceLastModifiedDate = created,
            };
    }
}
