using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Paging;

namespace CognitoMock;

public sealed partial class CognitoBackend
{
    /// <summary>Omitted or 0 means a full page (SEMANTICS §5, a decision).</summary>
    internal const int DefaultDeviceLimit = 60;

    public AdminListDevicesResponse AdminListDevices(AdminListDevicesRequest request, RequestContext context)
    {
        var pool = RequirePool(request.UserPoolId);
        var user = ResolveUser(pool, request.Username);
        var scope = new PageScope(nameof(AdminListDevices), pool.Id, user.Sub);
        var (devices, next) = DevicePage(user, rememberedOnly: false, scope, request.Limit, request.PaginationToken, context);
        return new AdminListDevicesResponse
        {
            Devices = devices.ConvertAll(d => AdminDeviceType(pool, user, d)),
            PaginationToken = next,
        };
    }

    private (List<Device> Devices, string? Next) DevicePage(
        User user, bool rememberedOnly, PageScope scope, int? limit, string? paginationToken, RequestContext context)
    {
        var after = paginationToken is null ? null : PaginationTokens.Read(paginationToken, scope, context.RequestId);
        var pageSize = limit is null or 0 ? DefaultDeviceLimit : limit.Value;
        // One more than the page shows whether another page follows, so the last page carries no token.
        var devices = Store.DevicePage(user.Id, rememberedOnly, after, pageSize + 1);
        if (devices.Count <= pageSize)
        {
            return (devices, null);
        }

        devices.RemoveAt(pageSize);
        return (devices, PaginationTokens.Issue(scope, Storage.Store.PageKeyOf(devices[^1])));
    }

    /// <summary>The attribute set the admin operations show (SEMANTICS §4).</summary>
    private DeviceType AdminDeviceType(UserPool pool, User user, Device device)
    {
        var owner = $"{user.Username}.{pool.Id}";
        var attributes = new List<AttributeType> { new() { Name = "device_status", Value = "valid" } };
        AddIfSet(attributes, "device_name", device.DeviceName);
        attributes.Add(new() { Name = "dev:device_arn", Value = $"arn:aws:cognito-idp:{Options.Region}:{Options.AccountId}:owner/{owner}/device/{device.DeviceKey}" });
        attributes.Add(new() { Name = "dev:device_owner", Value = owner });
        AddIfSet(attributes, "last_ip_used", device.LastIpUsed);
        attributes.Add(new()
        {
            Name = "dev:device_remembered_status",
            Value = device.Remembered ? DeviceRememberedStatus.Remembered : DeviceRememberedStatus.NotRemembered,
        });
        AddIfSet(attributes, "dev:device_sdk", device.DeviceSdk);
        return ToDeviceType(device, attributes);
    }

    private static DeviceType ToDeviceType(Device device, List<AttributeType> attributes) => new()
    {
        DeviceKey = device.DeviceKey,
        DeviceAttributes = attributes,
        DeviceCreateDate = device.DeviceCreateDate,
        DeviceLastModifiedDate = device.DeviceLastModifiedDate,
        DeviceLastAuthenticatedDate = device.DeviceLastAuthenticatedDate,
    };

    private static void AddIfSet(List<AttributeType> attributes, string name, string? value)
    {
        if (value is not null)
        {
            attributes.Add(new AttributeType { Name = name, Value = value });
        }
    }
}
