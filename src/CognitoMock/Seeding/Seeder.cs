using System.Security.Cryptography;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Storage;

namespace CognitoMock.Seeding;

/// <summary>Counts of what a seed loaded.</summary>
public sealed record SeedSummary(IReadOnlyList<string> UserPoolIds, int Clients, int Users, int Devices);

/// <summary>
/// Loads seed documents into the store, all or nothing: every entry is checked, and everything is written
/// in one transaction, so a seed with one bad entry leaves the state as it was. Errors name the file and
/// the JSON path of the entry.
/// </summary>
public sealed class Seeder(CognitoBackend backend)
{
    private static readonly string[] AliasChoices = ["email", "phone_number", "preferred_username"];
    private static readonly string[] UsernameAttributeChoices = ["email", "phone_number"];
    private static readonly string[] MfaChoices = ["OFF", "ON", "OPTIONAL"];
    private static readonly string[] MfaFactorChoices = [MfaFactors.Sms, MfaFactors.SoftwareToken];
    private static readonly string[] DeletionProtectionChoices = ["ACTIVE", "INACTIVE"];

    public SeedSummary LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return LoadJson(stream, path);
    }

    /// <summary>
    /// Loads a seed document. From a stream it can seek in (a file), its users are read as they are loaded,
    /// so a seed of any size loads in bounded memory; any other stream is read whole first.
    /// </summary>
    public SeedSummary LoadJson(Stream json, string file) =>
        Load(json.CanSeek ? SeedFileReader.Read(json, file) : SeedFileReader.ReadWhole(json, file), file);

    public SeedSummary Load(SeedDocument document, string file) => backend.Store.Write(tx =>
    {
        SeedNulls.CheckDocument(document, file);
        var loader = new Loading(backend, tx, file);
        for (var i = 0; i < document.UserPools.Count; i++)
        {
            loader.AddPool(document.UserPools[i], $"$.UserPools[{i}]");
        }

        return loader.Summary();
    });

    /// <summary>One load: the transaction, the clock reading and the running counts.</summary>
    private sealed class Loading(CognitoBackend backend, StoreTransaction tx, string file)
    {
        private readonly DateTime _now = backend.Now;
        private readonly List<string> _pools = [];
        private int _clients;
        private int _users;
        private int _devices;
        private readonly HashSet<UInt128> _deviceKeys = [];

        public SeedSummary Summary() => new(_pools, _clients, _users, _devices);

        public void AddPool(SeedUserPool seed, string path)
        {
            var id = seed.Id ?? backend.Ids.UserPoolId();
            Check(SeedConstraints.UserPoolId, id, path + ".Id", "Id");
            Require(tx.GetPool(id) is null, path + ".Id", $"a user pool {id} already exists.");
            Require(!string.IsNullOrWhiteSpace(seed.Name), path + ".Name", "a user pool needs a Name.");
            Check(SeedConstraints.UserPoolName, seed.Name, path + ".Name", "Name");
            var aliases = seed.AliasAttributes ?? [];
            var usernameAttributes = seed.UsernameAttributes ?? [];
            AsSeedError(path, () => PoolRules.RequireAliasesOrUsernameAttributes(aliases, usernameAttributes));
            RequireSubset(aliases, AliasChoices, path + ".AliasAttributes");
            RequireSubset(usernameAttributes, UsernameAttributeChoices, path + ".UsernameAttributes");
            RequireSubset(seed.MfaConfiguration is { } mfa ? [mfa] : [], MfaChoices, path + ".MfaConfiguration");
            RequireSubset(seed.DeletionProtection is { } protection ? [protection] : [], DeletionProtectionChoices, path + ".DeletionProtection");

            var pool = new UserPool
            {
                Id = id,
                Name = seed.Name!,
                AliasAttributes = [.. aliases.Distinct(StringComparer.Ordinal)],
                UsernameAttributes = [.. usernameAttributes.Distinct(StringComparer.Ordinal)],
                CaseSensitive = seed.UsernameConfiguration?.CaseSensitive ?? true,
                DeviceConfiguration = seed.DeviceConfiguration is { } devices
                    ? new DeviceConfiguration
                    {
                        ChallengeRequiredOnNewDevice = devices.ChallengeRequiredOnNewDevice,
                        DeviceOnlyRememberedOnUserPrompt = devices.DeviceOnlyRememberedOnUserPrompt,
                    }
                    : null,
                Schema = AsSeedError(path + ".Schema", () => PoolSchema.Build(seed.Schema)),
                Settings = UserPoolDefaults.Complete(seed.AsSettings()),
                SoftwareTokenMfaEnabled = seed.SoftwareTokenMfaConfiguration?.Enabled ?? false,
                CreationDate = Utc(seed.CreationDate) ?? _now,
                LastModifiedDate = Utc(seed.LastModifiedDate) ?? Utc(seed.CreationDate) ?? _now,
            };
            tx.InsertPool(pool);
            _pools.Add(id);

            var clients = seed.Clients ?? [];
            for (var i = 0; i < clients.Count; i++)
            {
                AddClient(pool, clients[i], $"{path}.Clients[{i}]");
            }

            var index = 0;
            foreach (var user in seed.Users ?? [])
            {
                AddUser(pool, user, $"{path}.Users[{index++}]");
            }
        }

        private void AddClient(UserPool pool, SeedClient seed, string path)
        {
            var clientId = seed.ClientId ?? backend.Ids.ClientId();
            Check(SeedConstraints.ClientId, clientId, path + ".ClientId", "ClientId");
            Require(tx.GetClient(clientId) is null, path + ".ClientId", $"a client {clientId} already exists.");
            Require(!string.IsNullOrWhiteSpace(seed.ClientName), path + ".ClientName", "a client needs a ClientName.");
            Check(SeedConstraints.ClientName, seed.ClientName, path + ".ClientName", "ClientName");
            Check(SeedConstraints.ClientSecret, seed.ClientSecret, path + ".ClientSecret", "ClientSecret");
            Require(seed.ClientSecret is null || !seed.GenerateSecret, path, "give ClientSecret or GenerateSecret, not both.");
            var flows = seed.ExplicitAuthFlows ?? [.. AppClientDefaults.ExplicitAuthFlows];
            RequireSubset(flows, AppClient.AuthFlowChoices, path + ".ExplicitAuthFlows");
            var settings = AppClientDefaults.Complete(seed.AsSettings());
            AsSeedError(path, () => AppClientDefaults.Validate(pool, settings, flows, "creating"));
            tx.InsertClient(new AppClient
            {
                ClientId = clientId,
                UserPoolId = pool.Id,
                ClientName = seed.ClientName!,
                ClientSecret = seed.ClientSecret ?? (seed.GenerateSecret ? backend.Ids.ClientSecret() : null),
                ExplicitAuthFlows = flows,
                Settings = settings,
                CreationDate = Utc(seed.CreationDate) ?? _now,
                LastModifiedDate = Utc(seed.LastModifiedDate) ?? Utc(seed.CreationDate) ?? _now,
            });
            _clients++;
        }

        private void AddUser(UserPool pool, SeedUser seed, string path)
        {
            SeedNulls.CheckUser(seed, path, file);
            var attributes = Attributes(pool, seed.Attributes ?? [], path + ".Attributes");
            var sub = attributes.Find(a => a.Name == "sub")?.Value ?? backend.Ids.Sub();
            string username;
            if (pool.UsernameAttributes.Count > 0)
            {
                Require(seed.Username is null, path + ".Username", "a pool with UsernameAttributes names its users by sub; leave Username out.");
                Require(pool.UsernameAttributes.Any(a => attributes.Exists(x => x.Name == a)), path + ".Attributes",
                    $"a user of this pool needs one of {string.Join(", ", pool.UsernameAttributes)}.");
                username = sub;
            }
            else
            {
                Require(seed.Username is not null, path + ".Username", "a user needs a Username of 1 to 128 letters, marks, symbols, numbers or punctuation.");
                Check(SeedConstraints.Username, seed.Username, path + ".Username", "Username");
                username = seed.Username!;
            }

            if (!attributes.Exists(a => a.Name == "sub"))
            {
                attributes.Insert(0, new UserAttribute { Name = "sub", Value = sub });
            }

            var status = seed.UserStatus ?? UserStatuses.Confirmed;
            Require(UserStatuses.All.Contains(status), path + ".UserStatus", $"'{status}' is not a UserStatus.");
            Require(seed.Password is null || seed.PasswordVerifier is null, path, "give Password or PasswordVerifier, not both.");
            Check(SeedConstraints.Password, seed.Password, path + ".Password", "Password");
            Require(seed.PasswordVerifier is not { } verifier || PasswordCredentials.IsWellFormed(Credential(verifier)), path + ".PasswordVerifier",
                "a PasswordVerifier is a Hash (as exported) and a base64 HashSalt, and a hex SrpSalt and Verifier.");
            var user = User.Create(pool.Id, username, sub, attributes, status, Utc(seed.UserCreateDate) ?? _now);
            user.Enabled = seed.Enabled ?? true;
            user.Password = seed.Password is { } password
                ? PasswordCredentials.Create(pool, username, password, backend.Random)
                : seed.PasswordVerifier is { } stored
                    ? Credential(stored)
                    : null;
            user.UserLastModifiedDate = Utc(seed.UserLastModifiedDate) ?? user.UserCreateDate;
            user.Mfa = Mfa(seed, attributes, path);
            try
            {
                tx.InsertUser(pool, user);
            }
            catch (LookupKeyTakenException e)
            {
                throw new SeedException(file, path, e.Key.Kind == UserLookup.Username
                    ? $"the username '{username}' is taken in pool {pool.Id}."
                    : $"the {e.Key.Kind} '{e.Key.Value}' already belongs to another user of pool {pool.Id}.");
            }

            _users++;
            var seeds = seed.Devices ?? [];
            var devices = new List<Device>(seeds.Count);
            for (var i = 0; i < seeds.Count; i++)
            {
                devices.Add(Device(user, seeds[i], $"{path}.Devices[{i}]"));
            }

            tx.InsertDevices(user.Id, devices);
            _devices += devices.Count;
        }

        private UserMfa Mfa(SeedUser seed, List<UserAttribute> attributes, string path)
        {
            var factors = seed.UserMFASettingList ?? [];
            RequireSubset(factors, MfaFactorChoices, path + ".UserMFASettingList");
            Require(seed.PreferredMfaSetting is null || factors.Contains(seed.PreferredMfaSetting), path + ".PreferredMfaSetting",
                "the preferred factor must be one of UserMFASettingList.");
            Require(!factors.Contains(MfaFactors.Sms) || attributes.Exists(a => a.Name == "phone_number"), path + ".UserMFASettingList",
                "SMS_MFA needs a phone_number.");
            Require(!factors.Contains(MfaFactors.SoftwareToken) || seed.SoftwareTokenSecret is not null, path + ".UserMFASettingList",
                "SOFTWARE_TOKEN_MFA needs a SoftwareTokenSecret.");
            Require(seed.SoftwareTokenSecret is null || Totp.FromBase32(seed.SoftwareTokenSecret) is { Length: >= 10 }, path + ".SoftwareTokenSecret",
                "a SoftwareTokenSecret is base32 of at least 10 bytes.");
            return new UserMfa
            {
                SmsEnabled = factors.Contains(MfaFactors.Sms),
                SmsPreferred = seed.PreferredMfaSetting == MfaFactors.Sms,
                SoftwareTokenEnabled = factors.Contains(MfaFactors.SoftwareToken),
                SoftwareTokenPreferred = seed.PreferredMfaSetting == MfaFactors.SoftwareToken,
                SoftwareTokenSecret = seed.SoftwareTokenSecret,
            };
        }

        private List<UserAttribute> Attributes(UserPool pool, List<SeedAttribute> seeds, string path)
        {
            var attributes = new List<UserAttribute>(seeds.Count + 1);
            for (var i = 0; i < seeds.Count; i++)
            {
                var (name, value) = (seeds[i].Name, seeds[i].Value ?? "");
                var at = $"{path}[{i}]";
                Require(StandardAttributes.IsKnown(pool, name), at, $"unknown attribute '{name}'.");
                Require(!attributes.Exists(a => a.Name == name), at, $"the attribute '{name}' is given twice.");
                Check(SeedConstraints.AttributeValue, value, at, $"the value of '{name}'");
                Require(name != "sub" || Guid.TryParseExact(value, "D", out _), at, $"the sub '{value}' is not a UUID.");
                Require(!name.EndsWith("_verified", StringComparison.Ordinal) || value is "true" or "false", at,
                    $"'{name}' is 'true' or 'false', not '{value}'.");
                attributes.Add(new UserAttribute { Name = name, Value = value });
            }

            return attributes;
        }

        private Device Device(User user, SeedDevice seed, string path)
        {
            var deviceKey = seed.DeviceKey ?? backend.Ids.DeviceKey();
            Check(SeedConstraints.DeviceKey, deviceKey, path + ".DeviceKey", "DeviceKey");
            Check(SeedConstraints.DeviceName, seed.DeviceName, path + ".DeviceName", "DeviceName");
            Check(SeedConstraints.AttributeValue, seed.LastIpUsed, path + ".LastIpUsed", "LastIpUsed");
            Check(SeedConstraints.AttributeValue, seed.DeviceSdk, path + ".DeviceSdk", "DeviceSdk");
            Check(SeedConstraints.VerifierString, seed.DeviceSecretVerifierConfig?.PasswordVerifier, path + ".DeviceSecretVerifierConfig.PasswordVerifier", "PasswordVerifier");
            Check(SeedConstraints.VerifierString, seed.DeviceSecretVerifierConfig?.Salt, path + ".DeviceSecretVerifierConfig.Salt", "Salt");
            // Keys are kept per user; within a load they must not repeat at all. A 128-bit hash of each keeps a
            // million of them in a few tens of megabytes.
            Require(_deviceKeys.Add(KeyHash(deviceKey)), path + ".DeviceKey", $"the device key {deviceKey} is already in use.");
            var remembered = seed.RememberedStatus ?? DeviceRememberedStatus.Remembered;
            Require(remembered is DeviceRememberedStatus.Remembered or DeviceRememberedStatus.NotRemembered, path + ".RememberedStatus",
                $"'{remembered}' is neither remembered nor not_remembered.");
            Require(seed.DeviceSecret is null || seed.DeviceSecretVerifierConfig is null, path,
                "give DeviceSecret or DeviceSecretVerifierConfig, not both.");
            var groupKey = seed.DeviceGroupKey ?? backend.Ids.DeviceGroupKey();
            var created = Utc(seed.DeviceCreateDate) ?? _now;
            var device = new Device
            {
                DeviceKey = deviceKey,
                UserId = user.Id,
                DeviceGroupKey = groupKey,
                DeviceName = seed.DeviceName,
                Confirmed = true,
                Remembered = remembered == DeviceRememberedStatus.Remembered,
                LastIpUsed = seed.LastIpUsed,
                DeviceSdk = seed.DeviceSdk,
                DeviceCreateDate = created,
                DeviceLastModifiedDate = Utc(seed.DeviceLastModifiedDate) ?? created,
                DeviceLastAuthenticatedDate = Utc(seed.DeviceLastAuthenticatedDate),
                Verifier = seed.DeviceSecret is { } secret
                    ? DeviceVerifier.FromSecret(groupKey, deviceKey, secret, backend.Random)
                    : seed.DeviceSecretVerifierConfig is { } stored
                        ? new DeviceVerifier { PasswordVerifier = stored.PasswordVerifier, Salt = stored.Salt }
                        : null,
            };
            return device;
        }

        private static PasswordCredential Credential(SeedPasswordVerifier stored) =>
            new() { Hash = stored.Hash, HashSalt = stored.HashSalt, SrpSalt = stored.SrpSalt, Verifier = stored.Verifier };

        private static UInt128 KeyHash(string key) => BitConverter.ToUInt128(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

        /// <summary>Runs a rule the API shares with seeds, reporting its refusal as this file's error at <paramref name="path"/>.</summary>
        private T AsSeedError<T>(string path, Func<T> rule)
        {
            try
            {
                return rule();
            }
            catch (InvalidParameterException e)
            {
                throw new SeedException(file, path, e.Message);
            }
        }

        private void AsSeedError(string path, Action rule) => AsSeedError(path, () =>
        {
            rule();
            return true;
        });

        /// <summary>Holds a seed's value to the model's constraints on the API member it stands for; absent values are for the caller.</summary>
        private void Check(SeedConstraint constraint, string? value, string path, string member)
        {
            if (value is not null && constraint.Problem(member, value) is { } problem)
            {
                throw new SeedException(file, path, problem);
            }
        }

        private void Require(bool condition, string path, string problem)
        {
            if (!condition)
            {
                throw new SeedException(file, path, problem);
            }
        }

        private void RequireSubset(List<string> values, IReadOnlyCollection<string> choices, string path)
        {
            for (var i = 0; i < values.Count; i++)
            {
                Require(choices.Contains(values[i]), $"{path}[{i}]", $"'{values[i]}' is not one of {string.Join(", ", choices)}.");
            }
        }

        private static DateTime? Utc(DateTime? value) => value switch
        {
            null => null,
            { Kind: DateTimeKind.Unspecified } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
            var v => v.Value.ToUniversalTime(),
        };
    }
}
