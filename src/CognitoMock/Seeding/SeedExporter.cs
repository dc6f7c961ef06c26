using CognitoMock.Api;
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
    public static SeedDocument Export(Store store) => new()
    {
        UserPools = [.. store.AllPools().Select(pool => Pool(store, pool))],
    };

    private static SeedUserPool Pool(Store store, UserPool pool)
    {
        var seed = new SeedUserPool
        {
            Id = pool.Id,
            Name = pool.Name,
            AliasAttributes = pool.AliasAttributes.Count > 0 ? pool.AliasAttributes : null,
            UsernameAttributes = pool.UsernameAttributes.Count > 0 ? pool.UsernameAttributes : null,
            UsernameConfiguration = new SeedUsernameConfiguration { CaseSensitive = pool.CaseSensitive },
            DeviceConfiguration = pool.DeviceConfiguration is { } devices
                ? new SeedDeviceConfiguration
                {
                    ChallengeRequiredOnNewDevice = devices.ChallengeRequiredOnNewDevice,
                    DeviceOnlyRememberedOnUserPrompt = devices.DeviceOnlyRememberedOnUserPrompt,
                }
                : null,
            Schema = pool.Schema.Count > 0 ? pool.Schema : null,
            SoftwareTokenMfaConfiguration = pool.SoftwareTokenMfaEnabled ? new SoftwareTokenMfaConfigType { Enabled = true } : null,
            CreationDate = pool.CreationDate,
            LastModifiedDate = pool.LastModifiedDate,
            Clients = [.. store.ClientsOf(pool.Id).Select(Client)],
            // Lazy, so a large pool streams out instead of sitting in memory whole.
            Users = store.UsersOf(pool.Id).Select(user => User(store, pool, user)),
        };
        seed.CopySettingsFrom(pool.Settings);
        return seed;
    }

    private static SeedClient Client(AppClient client)
    {
        var seed = new SeedClient
        {
            ClientId = client.ClientId,
            ClientName = client.ClientName,
            ClientSecret = client.ClientSecret,
            ExplicitAuthFlows = client.ExplicitAuthFlows,
            CreationDate = client.CreationDate,
            LastModifiedDate = client.LastModifiedDate,
        };
        seed.CopySettingsFrom(client.Settings);
        return seed;
    }

    private static SeedUser User(Store store, UserPool pool, User user) => new()
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
        Devices = [.. store.DevicesOf(user.Id).Where(d => d.Confirmed).OrderBy(Store.PageKeyOf, StringComparer.Ordinal).Select(Device)],
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
