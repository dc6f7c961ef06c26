using System.Globalization;
using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

// Devices are kept per user: one document a user, _id the user's ID, Devices its devices ordered for listing
// (confirmed ones by confirmation time and key, then unconfirmed ones). Every device operation knows its
// user, a listing is one read, and seeding a million devices writes a hundred thousand documents.
public abstract partial class StoreView
{
    internal const string DevicesField = "Devices";
    private const string OrderField = "Order";

    public Device? GetDevice(string userId, string deviceKey) =>
        DeviceArray(userId).FirstOrDefault(d => d["DeviceKey"].AsString == deviceKey) is { } entry ? DeviceOf(entry) : null;

    /// <summary>All of a user's devices, confirmed or not, in listing order.</summary>
    public List<Device> DevicesOf(string userId) => DeviceArray(userId).Select(DeviceOf).ToList();

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
                page.Add(DeviceOf(entry));
            }
        }

        return page;
    }

    /// <summary>Where a device stands in its owner's list: confirmation time, then key.</summary>
    public static string PageKeyOf(Device device) =>
        string.Create(CultureInfo.InvariantCulture, $"{device.DeviceCreateDate.GetValueOrDefault().Ticks:D19}{Store.Separator}{device.DeviceKey}");

    /// <summary>Confirmed devices sort first, by their page key; unconfirmed ones after, by device key.</summary>
    internal static string OrderOf(Device device) => device.Confirmed ? ConfirmedOrder(PageKeyOf(device)) : "1" + device.DeviceKey;

    private static string ConfirmedOrder(string pageKey) => "0" + pageKey;

    private BsonArray DeviceArray(string userId)
    {
        var key = new CacheKey(StoredKinds.DeviceSets, userId);
        return Document(key, () => Source.Collection(StoredKinds.DeviceSets).FindById(userId))?[DevicesField].AsArray ?? [];
    }

    private static Device DeviceOf(BsonValue entry) => DeviceDocuments.FromDocument(entry);
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

    /// <summary>Replaces a device of a user whose devices this write read.</summary>
    public void UpdateDevice(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        RequireSeen(new CacheKey(StoredKinds.DeviceSets, device.UserId));
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

        var entries = devices.Select(DeviceEntry).OrderBy(e => e["Order"].AsString, StringComparer.Ordinal);
        Forget(new CacheKey(StoredKinds.DeviceSets, userId));
        Collection(StoredKinds.DeviceSets).Insert(new BsonDocument { ["_id"] = userId, [DevicesField] = new BsonArray(entries) });
    }

    /// <summary>Rewrites a user's device set: one document, so a device change is one write whatever the user has.</summary>
    private void ChangeDevices(string userId, Action<List<BsonValue>> change)
    {
        var key = new CacheKey(StoredKinds.DeviceSets, userId);
        var stored = Document(key, () => Collection(StoredKinds.DeviceSets).FindById(userId));
        var devices = stored?[DevicesField].AsArray.ToList() ?? [];
        change(devices);
        if (devices.Count == 0)
        {
            Delete(StoredKinds.DeviceSets, userId);
            return;
        }

        var set = new BsonDocument { ["_id"] = userId, [DevicesField] = new BsonArray(devices.OrderBy(d => d["Order"].AsString, StringComparer.Ordinal)) };
        Save(key, set, d => Collection(StoredKinds.DeviceSets).Upsert(d));
    }

    private static BsonDocument DeviceEntry(Device device)
    {
        var entry = DeviceDocuments.ToDocument(device).AsDocument;
        entry["Order"] = StoreView.OrderOf(device);
        return entry;
    }
}
