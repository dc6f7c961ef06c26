using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

/// <summary>
/// A device as a LiteDB document, written out by hand: the same fields, names and types the reflection mapper
/// gives (dates in UTC, absent members for nulls), at a fraction of its cost per device.
/// </summary>
internal static class DeviceDocuments
{
    public static BsonValue ToDocument(Device device)
    {
        var document = new BsonDocument
        {
            [nameof(Device.DeviceKey)] = device.DeviceKey,
            [nameof(Device.UserId)] = device.UserId,
            [nameof(Device.DeviceGroupKey)] = device.DeviceGroupKey,
            [nameof(Device.Confirmed)] = device.Confirmed,
            [nameof(Device.Remembered)] = device.Remembered,
            [nameof(Device.DeviceLastModifiedDate)] = device.DeviceLastModifiedDate.ToUniversalTime(),
        };
        Optional(document, nameof(Device.DeviceName), device.DeviceName);
        Optional(document, nameof(Device.LastIpUsed), device.LastIpUsed);
        Optional(document, nameof(Device.DeviceSdk), device.DeviceSdk);
        Optional(document, nameof(Device.DeviceCreateDate), device.DeviceCreateDate?.ToUniversalTime());
        Optional(document, nameof(Device.DeviceLastAuthenticatedDate), device.DeviceLastAuthenticatedDate?.ToUniversalTime());
        if (device.Verifier is { } verifier)
        {
            document[nameof(Device.Verifier)] = new BsonDocument
            {
                [nameof(DeviceVerifier.PasswordVerifier)] = verifier.PasswordVerifier,
                [nameof(DeviceVerifier.Salt)] = verifier.Salt,
            };
        }

        return document;
    }

    public static Device FromDocument(BsonValue value)
    {
        var document = value.AsDocument;
        return new Device
        {
            DeviceKey = document[nameof(Device.DeviceKey)].AsString,
            UserId = document[nameof(Device.UserId)].AsString,
            DeviceGroupKey = document[nameof(Device.DeviceGroupKey)].AsString,
            DeviceName = String(document, nameof(Device.DeviceName)),
            Confirmed = document[nameof(Device.Confirmed)].AsBoolean,
            Remembered = document[nameof(Device.Remembered)].AsBoolean,
            LastIpUsed = String(document, nameof(Device.LastIpUsed)),
            DeviceSdk = String(document, nameof(Device.DeviceSdk)),
            DeviceCreateDate = Date(document, nameof(Device.DeviceCreateDate)),
            DeviceLastModifiedDate = Date(document, nameof(Device.DeviceLastModifiedDate)) ?? default,
            DeviceLastAuthenticatedDate = Date(document, nameof(Device.DeviceLastAuthenticatedDate)),
            Verifier = document.TryGetValue(nameof(Device.Verifier), out var verifier) && verifier.IsDocument
                ? new DeviceVerifier
                {
                    PasswordVerifier = verifier[nameof(DeviceVerifier.PasswordVerifier)].AsString,
                    Salt = verifier[nameof(DeviceVerifier.Salt)].AsString,
                }
                : null,
        };
    }

    private static void Optional(BsonDocument document, string name, BsonValue? value)
    {
        if (value is not null && !value.IsNull)
        {
            document[name] = value;
        }
    }

    private static void Optional(BsonDocument document, string name, string? value) =>
        Optional(document, name, value is null ? null : new BsonValue(value));

    private static void Optional(BsonDocument document, string name, DateTime? value) =>
        Optional(document, name, value is { } date ? new BsonValue(date) : null);

    private static string? String(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsString ? value.AsString : null;

    private static DateTime? Date(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsDateTime ? value.AsDateTime.ToUniversalTime() : null;
}
