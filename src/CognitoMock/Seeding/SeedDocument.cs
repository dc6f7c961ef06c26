using System.Text.Json.Serialization;
using CognitoMock.Domain;

namespace CognitoMock.Seeding;

// The seed file contract. Users write these files by hand, so the names mirror the AWS shape names and
// do not change. seed-data/seed.schema.json describes the same document.

public sealed class SeedDocument
{
    /// <summary>Where editors find the schema of this document; ignored by the loader.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public List<SeedUserPool> UserPools { get; set; } = [];
}

/// <summary>A pool, with the settings of CreateUserPool under their AWS names; AWS's defaults fill in what is left out.</summary>
public sealed record SeedUserPool : PoolSettings
{
    public SeedUserPool()
    {
    }

    /// <summary>A pool with these settings, as an export writes it.</summary>
    public SeedUserPool(PoolSettings settings)
        : base(settings)
    {
    }

    /// <summary>Generated as region_9-alphanumerics when absent.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string>? AliasAttributes { get; set; }

    public List<string>? UsernameAttributes { get; set; }

    public SeedUsernameConfiguration? UsernameConfiguration { get; set; }

    public SeedDeviceConfiguration? DeviceConfiguration { get; set; }

    /// <summary>As in SetUserPoolMfaConfig: whether TOTP may be a second factor. SMS is by SmsConfiguration.</summary>
    public SeedSoftwareTokenMfaConfiguration? SoftwareTokenMfaConfiguration { get; set; }

    /// <summary>As in CreateUserPool: changes to standard attributes, and custom attributes the users carry as custom:name.</summary>
    public List<SchemaAttribute>? Schema { get; set; }

    public DateTime? CreationDate { get; set; }

    public DateTime? LastModifiedDate { get; set; }

    public List<SeedClient>? Clients { get; set; }

    public IEnumerable<SeedUser>? Users { get; set; }
}

/// <summary>As in SetUserPoolMfaConfig's SoftwareTokenMfaConfiguration.</summary>
public sealed class SeedSoftwareTokenMfaConfiguration
{
    public bool Enabled { get; set; }
}

public sealed class SeedUsernameConfiguration
{
    public bool CaseSensitive { get; set; } = true;
}

public sealed class SeedDeviceConfiguration
{
    public bool ChallengeRequiredOnNewDevice { get; set; }

    public bool DeviceOnlyRememberedOnUserPrompt { get; set; }
}

/// <summary>An app client, with the settings of CreateUserPoolClient under their AWS names; AWS's defaults fill in what is left out.</summary>
public sealed record SeedClient : ClientSettings
{
    public SeedClient()
    {
    }

    /// <summary>A client with these settings, as an export writes it.</summary>
    public SeedClient(ClientSettings settings)
        : base(settings)
    {
    }

    public string? ClientId { get; set; }

    public string? ClientName { get; set; }

    public string? ClientSecret { get; set; }

    public bool GenerateSecret { get; set; }

    /// <summary>ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH and ALLOW_CUSTOM_AUTH when absent, as through the API.</summary>
    public List<string>? ExplicitAuthFlows { get; set; }

    public DateTime? CreationDate { get; set; }

    public DateTime? LastModifiedDate { get; set; }
}

public sealed class SeedUser
{
    /// <summary>Omitted in a pool with UsernameAttributes, where the username is the sub.</summary>
    public string? Username { get; set; }

    public List<SeedAttribute>? Attributes { get; set; }

    /// <summary>Stored only as a salted hash and an SRP verifier.</summary>
    public string? Password { get; set; }

    /// <summary>What an export writes instead of a password: the stored hash and verifier, as they are.</summary>
    public SeedPasswordVerifier? PasswordVerifier { get; set; }

    public string? UserStatus { get; set; }

    public bool? Enabled { get; set; }

    public DateTime? UserCreateDate { get; set; }

    public DateTime? UserLastModifiedDate { get; set; }

    /// <summary>The factors the user turned on: SMS_MFA, SOFTWARE_TOKEN_MFA (as AdminGetUser shows them).</summary>
    public List<string>? UserMFASettingList { get; set; }

    public string? PreferredMfaSetting { get; set; }

    /// <summary>A verified TOTP secret in base32, so a demo or test can compute the user's codes.</summary>
    public string? SoftwareTokenSecret { get; set; }

    public List<SeedDevice>? Devices { get; set; }
}

public sealed class SeedAttribute
{
    public string Name { get; set; } = "";

    public string? Value { get; set; }
}

public sealed class SeedPasswordVerifier
{
    public string Hash { get; set; } = "";

    public string HashSalt { get; set; } = "";

    public string SrpSalt { get; set; } = "";

    public string Verifier { get; set; } = "";
}

public sealed class SeedDevice
{
    /// <summary>Generated as region_uuid when absent.</summary>
    public string? DeviceKey { get; set; }

    /// <summary>Generated as "-" and 8 alphanumerics when absent.</summary>
    public string? DeviceGroupKey { get; set; }

    public string? DeviceName { get; set; }

    /// <summary>remembered or not_remembered; remembered when absent.</summary>
    public string? RememberedStatus { get; set; }

    public string? LastIpUsed { get; set; }

    public string? DeviceSdk { get; set; }

    public DateTime? DeviceCreateDate { get; set; }

    public DateTime? DeviceLastModifiedDate { get; set; }

    public DateTime? DeviceLastAuthenticatedDate { get; set; }

    /// <summary>The device's random password: lets it do device SRP without ConfirmDevice.</summary>
    public string? DeviceSecret { get; set; }

    /// <summary>What an export writes instead of a secret: the verifier ConfirmDevice stored.</summary>
    public SeedDeviceVerifier? DeviceSecretVerifierConfig { get; set; }
}

public sealed class SeedDeviceVerifier
{
    public string PasswordVerifier { get; set; } = "";

    public string Salt { get; set; } = "";
}
