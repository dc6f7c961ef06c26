using CognitoMock.Api;

namespace CognitoMock.Domain;

/// <summary>A user pool and the settings that decide how its users are found and its devices tracked.</summary>
public sealed class UserPool
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Attributes that also sign a user in: a subset of email, phone_number, preferred_username.</summary>
    public List<string> AliasAttributes { get; set; } = [];

    /// <summary>Attributes that replace the username: a subset of email, phone_number.</summary>
    public List<string> UsernameAttributes { get; set; } = [];

    /// <summary>UsernameConfiguration.CaseSensitive; true when the API does not say (SEMANTICS §3).</summary>
    public bool CaseSensitive { get; set; } = true;

    public DeviceConfiguration? DeviceConfiguration { get; set; }

    /// <summary>SoftwareTokenMfaConfiguration.Enabled of SetUserPoolMfaConfig: TOTP may be a second factor.</summary>
    public bool SoftwareTokenMfaEnabled { get; set; }

    /// <summary>SMS may be a second factor: the pool has an SMS configuration (SetUserPoolMfaConfig or CreateUserPool).</summary>
    public bool SmsMfaEnabled => Settings.SmsConfiguration is not null;

    /// <summary>OFF, ON or OPTIONAL; OFF when never set.</summary>
    public string MfaMode => Settings.MfaConfiguration ?? MfaFactors.Off;

    /// <summary>
    /// What the pool's Schema changed: standard attributes by their names, custom ones by theirs without the
    /// custom: prefix, each complete (<see cref="PoolSchema.Build"/>). Unchanged standard attributes are not here.
    /// </summary>
    public List<SchemaAttributeType> Schema { get; set; } = [];

    /// <summary>The settings the API sets and returns as a whole; complete with AWS's defaults.</summary>
    public UserPoolSettings Settings { get; set; } = UserPoolDefaults.Complete(new UserPoolSettings());

    public DateTime CreationDate { get; set; }

    public DateTime LastModifiedDate { get; set; }

    /// <summary>The part of the ID after the underscore, which SRP uses as its prefix (SEMANTICS §9).</summary>
    public string SrpPoolName => Id[(Id.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public bool TracksDevices => DeviceConfiguration is not null;

    /// <summary>
    /// Whether a remembered device stands in for the second factor: ChallengeRequiredOnNewDevice ([doc]
    /// DeviceConfigurationType). Without it devices are still tracked and proven, but MFA is asked every time.
    /// </summary>
    public bool RememberedDeviceReplacesMfa => DeviceConfiguration?.ChallengeRequiredOnNewDevice ?? false;
}

public sealed class DeviceConfiguration
{
    public bool ChallengeRequiredOnNewDevice { get; set; }

    public bool DeviceOnlyRememberedOnUserPrompt { get; set; }
}
