using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bogus;

namespace CognitoMock.Seeding;

/// <summary>How much data <see cref="SeedGenerator"/> makes, as written on the command line: pools=1,users=100,devices=3,seed=42.</summary>
public sealed record GeneratorOptions(int Pools = 1, int Users = 100, int Devices = 3, int Seed = 42, int Passwords = 3)
{
    /// <summary>The password of the first <see cref="Passwords"/> users of each generated pool.</summary>
    public const string Password = "Passw0rd!";

    public static GeneratorOptions Parse(string text)
    {
        var options = new GeneratorOptions();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"'{part}' is not name=number.");
            }

            options = pair[0] switch
            {
                "pools" => options with { Pools = value },
                "users" => options with { Users = value },
                "devices" => options with { Devices = value },
                "seed" => options with { Seed = value },
                "passwords" => options with { Passwords = value },
                _ => throw new FormatException($"'{pair[0]}' is not one of pools, users, devices, seed, passwords."),
            };
        }

        return options;
    }
}

/// <summary>
/// Realistic demo data from Bogus, the same for the same options: pools of each kind (email aliases,
/// email as username, case-insensitive), users with verified and unverified emails and phones, and their
/// devices. Users are made as they are read, so a large pool never sits in memory whole.
/// </summary>
public static class SeedGenerator
{
    // A fixed reference day, not the clock: the same seed gives the same dates on every run.
    private static readonly DateTime Reference = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] DeviceModels =
    [
        "iPhone 15", "iPhone 13 mini", "Pixel 8", "Galaxy S24", "iPad Air", "MacBook Pro", "ThinkPad X1",
        "Chrome on Windows", "Firefox on Linux", "Safari on macOS", "Edge on Windows", "OnePlus 12",
    ];

    private static readonly string[] DeviceSdks = ["aws-sdk-js", "aws-amplify-js", "aws-sdk-android", "aws-sdk-ios"];

    public static SeedDocument Generate(GeneratorOptions options, string region)
    {
        var document = new SeedDocument();
        for (var p = 0; p < options.Pools; p++)
        {
            document.UserPools.Add(Pool(options, region, p));
        }

        return document;
    }

    private static SeedUserPool Pool(GeneratorOptions options, string region, int index)
    {
        var faker = FakerFor(options.Seed, index, "pool");
        var kind = index % 3;
        return new SeedUserPool
        {
            Id = $"{region}_{faker.Random.String2(9, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}",
            Name = Clean($"{faker.Company.CompanyName()} {(kind == 1 ? "customers" : "staff")}", " ,.-"),
            AliasAttributes = kind switch
            {
                0 => ["email", "phone_number", "preferred_username"],
                2 => ["email", "preferred_username"],
                _ => null,
            },
            UsernameAttributes = kind == 1 ? ["email"] : null,
            UsernameConfiguration = new SeedUsernameConfiguration { CaseSensitive = kind != 2 },
            DeviceConfiguration = new SeedDeviceConfiguration
            {
                ChallengeRequiredOnNewDevice = true,
                DeviceOnlyRememberedOnUserPrompt = index % 2 == 1,
            },
            CreationDate = faker.Date.Between(Reference.AddYears(-2), Reference.AddYears(-1)),
            Clients =
            [
                new SeedClient
                {
                    ClientId = faker.Random.String2(26, "abcdefghijklmnopqrstuvwxyz0123456789"),
                    ClientName = "web",
                    ExplicitAuthFlows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                },
            ],
            Users = Users(options, region, index, usernameIsEmail: kind == 1),
        };
    }

    private static IEnumerable<SeedUser> Users(GeneratorOptions options, string region, int pool, bool usernameIsEmail)
    {
        // A fresh faker for each enumeration, so every reading of the users is the same.
        var faker = FakerFor(options.Seed, pool, "users");
        for (var u = 0; u < options.Users; u++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var handle = Clean($"{first}.{last}", ".").ToLowerInvariant();
            var attributes = new List<SeedAttribute>
            {
                new() { Name = "sub", Value = Uuid(options.Seed, pool, u, "sub") },
                new() { Name = "given_name", Value = first },
                new() { Name = "family_name", Value = last },
                new() { Name = "name", Value = $"{first} {last}" },
                new() { Name = "email", Value = $"{handle}.{u}@{faker.Internet.DomainName()}" },
                new() { Name = "email_verified", Value = Bool(faker.Random.Bool(0.8f)) },
            };
            if (faker.Random.Bool(0.6f))
            {
                attributes.Add(new() { Name = "phone_number", Value = $"+1555{pool % 100:D2}{u:D7}" });
                attributes.Add(new() { Name = "phone_number_verified", Value = Bool(faker.Random.Bool(0.7f)) });
            }

            if (!usernameIsEmail && faker.Random.Bool(0.3f))
            {
                attributes.Add(new() { Name = "preferred_username", Value = $"{Clean(first, "").ToLowerInvariant()}{u}" });
            }

            var created = faker.Date.Between(Reference.AddDays(-400), Reference.AddDays(-30));
            yield return new SeedUser
            {
                Username = usernameIsEmail ? null : $"{handle}{u}",
                Attributes = attributes,
                Password = u < options.Passwords ? GeneratorOptions.Password : null,
                UserStatus = "CONFIRMED",
                Enabled = faker.Random.Bool(0.97f),
                UserCreateDate = created,
                Devices = [.. Enumerable.Range(0, options.Devices).Select(d => Device(faker, $"{region}_{Uuid(options.Seed, pool, u, $"device{d}")}", first, created))],
            };
        }
    }

    private static SeedDevice Device(Faker faker, string deviceKey, string owner, DateTime userCreated)
    {
        var created = faker.Date.Between(userCreated, Reference.AddDays(-1));
        var lastAuthenticated = faker.Date.Between(created, Reference);
        var model = faker.PickRandom(DeviceModels);
        return new SeedDevice
        {
            DeviceKey = deviceKey,
            DeviceGroupKey = "-" + faker.Random.String2(8, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            DeviceName = faker.Random.Bool() ? $"{owner}'s {model}" : model,
            RememberedStatus = faker.Random.Bool(0.7f) ? "remembered" : "not_remembered",
            LastIpUsed = faker.Internet.Ip(),
            DeviceSdk = faker.PickRandom(DeviceSdks),
            DeviceCreateDate = created,
            DeviceLastModifiedDate = faker.Date.Between(created, lastAuthenticated),
            DeviceLastAuthenticatedDate = lastAuthenticated,
        };
    }

    // HashCode.Combine is salted per process, so seeds and IDs are derived with SHA-256: the same on every
    // run, and, for IDs, 122 bits that do not collide the way 32-bit random seeds would.
    private static Faker FakerFor(int seed, int pool, string purpose) =>
        new("en") { Random = new Randomizer(BitConverter.ToInt32(Digest($"{seed}/{pool}/{purpose}"))) };

    private static string Uuid(int seed, int pool, int user, string purpose)
    {
        var bytes = Digest($"{seed}/{pool}/{user}/{purpose}").AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static byte[] Digest(string text) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{text}")));

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Keeps letters, digits and the given punctuation, so generated names fit the model's patterns.</summary>
    private static string Clean(string text, string keep)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Where(c => char.IsAsciiLetterOrDigit(c) || keep.Contains(c, StringComparison.Ordinal)))
        {
            builder.Append(c);
        }

        return builder.ToString();
    }
}
