using System.Globalization;
using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

// Devices are kept per user: one document a user, _id the user's ID, Devices its devices ordered for listing
// (confirmed ones by confirmation time and key, then unconfirmed ones). Every device operation knows its
// user, a listing is one read, and seeding a million devices writes a hundred thousand documents.
public sealed partial class Store
{
    private const string DevicesField = "Devices";
    private const string OrderField = "Order";

    internal ILiteCollection<BsonDocument> DeviceSets { get; }

    public Device? GetDevice(string userId, string deviceKey) =>
        DeviceArray(userId).FirstOrDefault(d => d["DeviceKey"].AsString == deviceKey) is { } entry ? Read<Device>(entry.AsDocument) : null;

    /// <summary>All of a user's devices, confirmed or not, in listing order.</summary>
    public List<Device> DevicesOf(string userId) => DeviceArray(userId).Select(d => Read<Device>(d.AsDocument)!).ToList();

    /// <summary>
    /// One page of a user's confirmed devices (or only the remembered ones), in their stable order, after the
    /// device whose <see cref="PageKeyOf"/> is <paramref name="after"/>: a binary search into the user's ordered
    /// devices, so a page costs the same however many devices come before it.
    /// </summary>
    public List<Device> DevicePage(string userId, bool rememberedOnly, string? after, int take)
    {
        var devices = DeviceArray(userId);
        var from = after is null ? ConfirmedOrder("") : ConfirmedOrder(after) + '\0';
        var (low, high) = (0, devices.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(devices[middle][OrderField].AsString, from) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var page = new List<Device>(Math.Min(take, 64));
        for (var i = low; i < devices.Count && page.Count < take; i++)
        {
            var entry = devices[i].AsDocument;
            if (!entry["Confirmed"].AsBoolean)
            {
                break;
            }

            if (!rememberedOnly || entry["Remembered"].AsBoolean)
            {
                page.Add(Read<Device>(entry)!);
            }
        }

        return page;
    }

    /// <summary>Where a device stands in its owner's list: confirmation time, then key.</summary>
    public static string PageKeyOf(Device device) =>
        string.Create(CultureInfo.InvariantCulture, $"{device.DeviceCreateDate.GetValueOrDefault().Ticks:D19}{Separator}{device.DeviceKey}");

    /// <summary>Confirmed devices sort first, by their page key; unconfirmed ones after, by device key.</summary>
    internal static string OrderOf(Device device) => device.Confirmed ? ConfirmedOrder(PageKeyOf(device)) : "1" + device.DeviceKey;

    private static string ConfirmedOrder(string pageKey) => "0" + pageKey;

    private BsonArray DeviceArray(string userId) =>
        CachedDocument("devices:" + userId, DeviceSets, userId)?[DevicesField].AsArray ?? [];
}

public sealed partial class StoreTransaction
{
    /// <summary>Adds a device to its user's devices; a key the user has already throws <see cref="DeviceKeyTakenException"/>.</summary>
    public void InsertDevice(Device device) => ChangeDevices(device.UserId, devices =>
    {
        if (devices.Exists(d => d["DeviceKey"].AsString == device.DeviceKey))
        {
            throw new DeviceKeyTakenException(device.DeviceKey);
        }

        devices.Add(DeviceEntry(device));
    });

    public void UpdateDevice(Device device)
    {
        RequireReadHere(device, device.DeviceKey);
        ChangeDevices(device.UserId, devices =>
        {
            devices.RemoveAll(d => d["DeviceKey"].AsString == device.DeviceKey);
            devices.Add(DeviceEntry(device));
        });
    }

    public void DeleteDevice(Device device) =>
        ChangeDevices(device.UserId, devices => devices.RemoveAll(d => d["DeviceKey"].AsString == device.DeviceKey));

    /// <summary>A new user's devices at once, as a seed brings them: one document for all of them.</summary>
    public void InsertDevices(string userId, IReadOnlyCollection<Device> devices)
    {
        if (devices.Count == 0)
        {
            return;
        }

        Touch("devices:" + userId);
        var entries = devices.Select(DeviceEntry).OrderBy(e => e["Order"].AsString, StringComparer.Ordinal);
        _store.DeviceSets.Insert(new BsonDocument { ["_id"] = userId, ["Devices"] = new BsonArray(entries) });
    }

    private void ChangeDevices(string userId, Action<List<BsonValue>> change)
    {
        Touch("devices:" + userId);
        var set = _store.DeviceSets.FindById(userId) ?? new BsonDocument { ["_id"] = userId, ["Devices"] = new BsonArray() };
        var devices = set["Devices"].AsArray.ToList();
        change(devices);
        if (devices.Count == 0)
        {
            _store.DeviceSets.Delete(userId);
            return;
        }

        set["Devices"] = new BsonArray(devices.OrderBy(d => d["Order"].AsString, StringComparer.Ordinal));
        _store.DeviceSets.Upsert(set);
    }

    private BsonDocument DeviceEntry(Device device)
    {
        var entry = Store.Mapper.ToDocument(device);
        entry["Order"] = Store.OrderOf(device);
        return entry;
    }
}
