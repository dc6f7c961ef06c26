using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
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

    public AdminGetDeviceResponse AdminGetDevice(AdminGetDeviceRequest request, RequestContext context)
    {
        var pool = RequirePool(request.UserPoolId);
        var user = ResolveUser(pool, request.Username);
        return new AdminGetDeviceResponse { Device = AdminDeviceType(pool, user, ConfirmedDevice(user, request.DeviceKey)) };
    }

    public EmptyResponse AdminForgetDevice(AdminForgetDeviceRequest request, RequestContext context)
    {
        var user = ResolveUser(RequirePool(request.UserPoolId), request.Username);
        Forget(user, request.DeviceKey);
        return new EmptyResponse();
    }

    public EmptyResponse AdminUpdateDeviceStatus(AdminUpdateDeviceStatusRequest request, RequestContext context)
    {
        var user = ResolveUser(RequirePool(request.UserPoolId), request.Username);
        UpdateStatus(user, request.DeviceKey, request.DeviceRememberedStatus);
        return new EmptyResponse();
    }

    /// <summary>
    /// Confirms the device a sign-in was given (NewDeviceMetadata) with the verifier of its secret. It is
    /// remembered at once, unless the pool remembers devices only when the user says so (SEMANTICS §4).
    /// </summary>
    public ConfirmDeviceResponse ConfirmDevice(ConfirmDeviceRequest request, RequestContext context)
    {
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        var verifier = Verifier(request.DeviceSecretVerifierConfig);
        var promptFirst = pool.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt ?? false;
        Store.Write(tx =>
        {
            var device = Store.GetDevice(user.Id, request.DeviceKey);
            if (device is null || device.UserId != user.Id)
            {
                throw new InvalidParameterException("Invalid device key given.");
            }

            if (device.Confirmed)
            {
                throw new DeviceKeyExistsException("Device key already exists.");
            }

            var now = Now;
            device.Confirmed = true;
            device.Remembered = !promptFirst;
            device.DeviceName = request.DeviceName;
            device.Verifier = verifier;
            device.DeviceCreateDate = now;
            device.DeviceLastModifiedDate = now;
            tx.UpdateDevice(device);
        });
        return new ConfirmDeviceResponse { UserConfirmationNecessary = promptFirst };
    }

    /// <summary>A signed-in user's remembered devices (SEMANTICS §4: only remembered ones), paged as AdminListDevices.</summary>
    public ListDevicesResponse ListDevices(ListDevicesRequest request, RequestContext context)
    {
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        var scope = new PageScope(nameof(ListDevices), pool.Id, user.Sub);
        var (devices, next) = DevicePage(user, rememberedOnly: true, scope, request.Limit, request.PaginationToken, context);
        return new ListDevicesResponse { Devices = devices.ConvertAll(UserDeviceType), PaginationToken = next };
    }

    /// <summary>A signed-in user's device; one not remembered is not found (seen, SEMANTICS §4).</summary>
    public GetDeviceResponse GetDevice(GetDeviceRequest request, RequestContext context)
    {
        var user = SignedInUser(request.AccessToken).User;
        var device = ConfirmedDevice(user, request.DeviceKey);
        return device.Remembered ? new GetDeviceResponse { Device = UserDeviceType(device) } : throw ResourceNotFoundException.Device();
    }

    public EmptyResponse ForgetDevice(ForgetDeviceRequest request, RequestContext context)
    {
        Forget(SignedInUser(request.AccessToken).User, request.DeviceKey);
        return new EmptyResponse();
    }

    public EmptyResponse UpdateDeviceStatus(UpdateDeviceStatusRequest request, RequestContext context)
    {
        var user = Tokens.Check(request.AccessToken).User;
        UpdateStatus(user, request.DeviceKey, request.DeviceRememberedStatus);
        return new EmptyResponse();
    }

    /// <summary>A confirmed device of this user, or "Device does not exist.".</summary>
    private Device ConfirmedDevice(User user, string deviceKey) =>
        Store.GetDevice(user.Id, deviceKey) is { Confirmed: true } device ? device : throw ResourceNotFoundException.Device();

    /// <summary>
    /// Deletes a device. The refresh tokens issued to it stop working, since a refresh needs its device
    /// (SEMANTICS §4); access tokens already issued stay good until they expire or are revoked.
    /// </summary>
    private void Forget(User user, string deviceKey) => Store.Write(tx => tx.DeleteDevice(ConfirmedDevice(user, deviceKey)));

    /// <summary>Sets remembered or not_remembered; a request without a status changes nothing.</summary>
    private void UpdateStatus(User user, string deviceKey, string? status) => Store.Write(tx =>
    {
        var device = ConfirmedDevice(user, deviceKey);
        if (status is not null)
        {
            device.Remembered = status == DeviceRememberedStatus.Remembered;
            device.DeviceLastModifiedDate = Now;
            tx.UpdateDevice(device);
        }
    });

    private static DeviceVerifier? Verifier(DeviceSecretVerifierConfigType? config)
    {
        if (config is null)
        {
            return null;
        }

        if (config.PasswordVerifier is not { } verifier || config.Salt is not { } salt || !IsBase64(verifier) || !IsBase64(salt))
        {
            throw new InvalidParameterException("DeviceSecretVerifierConfig needs a base64 PasswordVerifier and Salt.");
        }

        return new DeviceVerifier { PasswordVerifier = verifier, Salt = salt };
    }

    private static bool IsBase64(string text) => text.Length > 0 && Convert.TryFromBase64String(text, new byte[text.Length], out _);

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

    /// <summary>The attribute set the user operations show (SEMANTICS §4).</summary>
    private static DeviceType UserDeviceType(Device device)
    {
        var attributes = new List<AttributeType> { new() { Name = "device_status", Value = "valid" } };
        AddIfSet(attributes, "device_name", device.DeviceName);
        AddIfSet(attributes, "last_ip_used", device.LastIpUsed);
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
