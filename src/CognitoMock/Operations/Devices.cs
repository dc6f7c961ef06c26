using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Paging;
using CognitoMock.Storage;

namespace CognitoMock;

public sealed partial class CognitoBackend
{
    public override AdminListDevicesResponse AdminListDevices(AdminListDevicesRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        var user = ResolveUser(Store, pool, request.Username);
        var scope = new PageScope(nameof(AdminListDevices), pool.Id, user.Sub);
        var (devices, next) = DevicePage(user, rememberedOnly: false, scope, request.Limit, request.PaginationToken, context);
        return new AdminListDevicesResponse
        {
            Devices = devices.ConvertAll(d => AdminDeviceType(pool, user, d)),
            PaginationToken = next,
        };
    }

    public override AdminGetDeviceResponse AdminGetDevice(AdminGetDeviceRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = RequirePool(Store, request.UserPoolId);
        var user = ResolveUser(Store, pool, request.Username);
        return new AdminGetDeviceResponse { Device = AdminDeviceType(pool, user, ConfirmedDevice(Store, user, request.DeviceKey)) };
    }

    public override void AdminForgetDevice(AdminForgetDeviceRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = ResolveUser(Store, RequirePool(Store, request.UserPoolId), request.Username);
        Forget(user, request.DeviceKey);
    }

    public override AdminUpdateDeviceStatusResponse AdminUpdateDeviceStatus(AdminUpdateDeviceStatusRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = ResolveUser(Store, RequirePool(Store, request.UserPoolId), request.Username);
        UpdateStatus(user, request.DeviceKey, request.DeviceRememberedStatus);
        return new AdminUpdateDeviceStatusResponse();
    }

    /// <summary>
    /// Confirms the device a sign-in was given (NewDeviceMetadata) with the verifier of its secret. It is
    /// remembered at once, unless the pool remembers devices only when the user says so (docs/behaviour.md §4).
    /// </summary>
    public override ConfirmDeviceResponse ConfirmDevice(ConfirmDeviceRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        var verifier = Verifier(request.DeviceSecretVerifierConfig);
        var promptFirst = pool.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt ?? false;
        Store.Write(tx =>
        {
            var device = tx.GetDevice(user.Id, request.DeviceKey);
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

    /// <summary>A signed-in user's remembered devices (docs/behaviour.md §4: only remembered ones), paged as AdminListDevices.</summary>
    public override ListDevicesResponse ListDevices(ListDevicesRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (pool, user, _) = Tokens.Check(request.AccessToken);
        var scope = new PageScope(nameof(ListDevices), pool.Id, user.Sub);
        var (devices, next) = DevicePage(user, rememberedOnly: true, scope, request.Limit, request.PaginationToken, context);
        return new ListDevicesResponse { Devices = devices.ConvertAll(UserDeviceType), PaginationToken = next };
    }

    /// <summary>A signed-in user's device; one not remembered is not found (seen, docs/behaviour.md §4).</summary>
    public override GetDeviceResponse GetDevice(GetDeviceRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = SignedInUser(request.AccessToken).User;
        var device = ConfirmedDevice(Store, user, request.DeviceKey);
        return device.Remembered ? new GetDeviceResponse { Device = UserDeviceType(device) } : throw ResourceNotFoundException.Device();
    }

    public override void ForgetDevice(ForgetDeviceRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Forget(SignedInUser(request.AccessToken).User, request.DeviceKey);
    }

    public override UpdateDeviceStatusResponse UpdateDeviceStatus(UpdateDeviceStatusRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = Tokens.Check(request.AccessToken).User;
        UpdateStatus(user, request.DeviceKey, request.DeviceRememberedStatus);
        return new UpdateDeviceStatusResponse();
    }

    /// <summary>A confirmed device of this user, or "Device does not exist.".</summary>
    private static Device ConfirmedDevice(StoreView view, User user, string deviceKey) =>
        view.GetDevice(user.Id, deviceKey) is { Confirmed: true } device ? device : throw ResourceNotFoundException.Device();

    /// <summary>
    /// Deletes a device. The refresh tokens issued to it stop working, since a refresh needs its device
    /// (docs/behaviour.md §4); access tokens already issued stay good until they expire or are revoked.
    /// </summary>
    private void Forget(User user, string deviceKey) => Store.Write(tx => tx.DeleteDevice(ConfirmedDevice(tx, user, deviceKey)));

    /// <summary>Sets remembered or not_remembered; a request without a status changes nothing.</summary>
    private void UpdateStatus(User user, string deviceKey, string? status) => Store.Write(tx =>
    {
        var device = ConfirmedDevice(tx, user, deviceKey);
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
        User user, bool rememberedOnly, PageScope scope, int? limit, string? paginationToken, RequestContext context) =>
        Pages.Keyset(scope, paginationToken, limit, context, (after, take) => Store.DevicePage(user.Id, rememberedOnly, after, take), StoreView.PageKeyOf);

    /// <summary>The attribute set the admin operations show (docs/behaviour.md §4).</summary>
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

    /// <summary>The attribute set the user operations show (docs/behaviour.md §4).</summary>
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
