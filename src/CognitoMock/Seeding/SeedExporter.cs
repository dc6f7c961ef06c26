using System.Text.Json;
using CognitoMock.Domain;
using CognitoMock.Storage;

namespace CognitoMock.Seeding;

/// <summary>
/// Writes the whole state as a seed document that loads back into an empty mock as the same state. Stored
/// credentials go out as they are stored, hashes and verifiers, never as passwords. Devices not yet
/// confirmed are left out: they are a sign-in in progress, not state a seed can hold.
/// </summary>
public static class SeedExporter
{
    /// <summary>
    /// Writes the whole state to <paramref name="output"/> as one consistent snapshot, on the calling thread, which
    /// must not await while it runs (<see cref="Store.ReadSnapshot{T}"/>): a long export gets a thread of its own.
    /// </summary>
    public static void Write(Store store, Stream output)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.ReadSnapshot(view =>
        {
            JsonSerializer.Serialize(output, Export(view), SeedJsonContext.Default.SeedDocument);
            return true;
        });
    }

    /// <summary>
    /// The state <paramref name="view"/> sees, read lazily as the document is written: give it a consistent view
    /// (<see cref="Store.ReadSnapshot{T}"/>) and write it out on the thread that took it.
    /// </summary>
    public static SeedDocument Export(StoreView view) => new()
    {
        UserPools = [.. view.AllPools().Select(pool => Pool(view, pool))],
    };

    private static SeedUserPool Pool(StoreView view, UserPool pool) =>
        new(pool.Settings)
        {
            Id = pool.Id,
            Name = pool.Name,
            AliasAttributes = pool.AliasAttributes.Count > 0 ? [.. pool.AliasAttributes] : null,
            UsernameAttributes = pool.UsernameAttributes.Count > 0 ? [.. pool.UsernameAttributes] : null,
            UsernameConfiguration = new SeedUsernameConfiguration { CaseSensitive = pool.CaseSensitive },
            DeviceConfiguration = pool.DeviceConfiguration is { } devices
                ? new SeedDeviceConfiguration
                {
                    ChallengeRequiredOnNewDevice = devices.ChallengeRequiredOnNewDevice,
                    DeviceOnlyRememberedOnUserPrompt = devices.DeviceOnlyRememberedOnUserPrompt,
                }
                : null,
            Schema = pool.Schema.Count > 0 ? [.. pool.Schema] : null,
            SoftwareTokenMfaConfiguration = pool.SoftwareTokenMfaEnabled ? new SeedSoftwareTokenMfaConfiguration { Enabled = true } : null,
            CreationDate = pool.CreationDate,
            LastModifiedDate = pool.LastModifiedDate,
            Clients = [.. view.ClientsOf(pool.Id).Select(Client)],
            // Lazy, so a large pool streams out instead of sitting in memory whole.
            Users = view.UsersOf(pool.Id).Select(user => User(view, pool, user)),
        };

    private static SeedClient Client(AppClient client) =>
        new(client.Settings)
        {
            ClientId = client.ClientId,
            ClientName = client.ClientName,
            ClientSecret = client.ClientSecret,
            ExplicitAuthFlows = [.. client.ExplicitAuthFlows],
            CreationDate = client.CreationDate,
            LastModifiedDate = client.LastModifiedDate,
        };

    private static SeedUser User(StoreView view, UserPool pool, User user) => new()
    {
        Username = pool.UsernameAttributes.Count > 0 ? null : user.Username,
        Attributes = user.Attributes.ConvertAll(a => new SeedAttribute { Name = a.Name, Value = a.Value }),
        PasswordVerifier = user.Password is { } password
            ? new SeedPasswordVerifier { Hash = password.Hash, HashSalt = password.HashSalt, SrpSalt = password.SrpSalt, Verifier = password.Verifier }
            : null,
        UserStatus = user.UserStatus,
        Enabled = user.Enabled,
        UserCreateDate = user.UserCreateDate,
        UserLastModifiedDate = user.UserLastModifiedDate,
        UserMFASettingList = user.Mfa.SettingList() is { Count: > 0 } factors ? factors : null,
        PreferredMfaSetting = user.Mfa.Preferred,
        SoftwareTokenSecret = user.Mfa.SoftwareTokenSecret,
        Devices = [.. view.DevicesOf(user.Id).Where(d => d.Confirmed).OrderBy(StoreView.PageKeyOf, StringComparer.Ordinal).Select(Device)],
    };

    private static SeedDevice Device(Device device) => new()
    {
        DeviceKey = device.DeviceKey,
        DeviceGroupKey = device.DeviceGroupKey,
        DeviceName = device.DeviceName,
        RememberedStatus = device.Remembered ? DeviceRememberedStatus.Remembered : DeviceRememberedStatus.NotRemembered,
        LastIpUsed = device.LastIpUsed,
        DeviceSdk = device.DeviceSdk,
        DeviceCreateDate = device.DeviceCreateDate,
        DeviceLastModifiedDate = device.DeviceLastModifiedDate,
        DeviceLastAuthenticatedDate = device.DeviceLastAuthenticatedDate,
        DeviceSecretVerifierConfig = device.Verifier is { } verifier
            ? new SeedDeviceVerifier { PasswordVerifier = verifier.PasswordVerifier, Salt = verifier.Salt }
            : null,
    };
}
