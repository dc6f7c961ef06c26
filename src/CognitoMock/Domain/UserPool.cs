namespace CognitoMock.Domain;

/// <summary>
/// A user pool and the settings that decide how its users are found and its devices tracked. Immutable:
/// readers share one object per stored document, and a change is a new pool (<c>pool with { ... }</c>) that
/// a write stores.
/// </summary>
public sealed record UserPool
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Attributes that also sign a user in: a subset of email, phone_number, preferred_username.</summary>
    public IReadOnlyList<string> AliasAttributes { get; init; } = [];

    /// <summary>Attributes that replace the username: a subset of email, phone_number.</summary>
    public IReadOnlyList<string> UsernameAttributes { get; init; } = [];

    /// <summary>UsernameConfiguration.CaseSensitive; true when the API does not say (docs/behaviour.md §3).</summary>
    public bool CaseSensitive { get; init; } = true;

    public DeviceConfiguration? DeviceConfiguration { get; init; }

    /// <summary>SoftwareTokenMfaConfiguration.Enabled of SetUserPoolMfaConfig: TOTP may be a second factor.</summary>
    public bool SoftwareTokenMfaEnabled { get; init; }

    /// <summary>
    /// What the pool's Schema changed: standard attributes by their names, custom ones by theirs without the
    /// custom: prefix, each complete (<see cref="PoolSchema.Build"/>). Unchanged standard attributes are not here.
    /// </summary>
    public IReadOnlyList<SchemaAttribute> Schema { get; init; } = [];

    /// <summary>The settings the API sets and returns as a whole; complete with AWS's defaults.</summary>
    public PoolSettings Settings { get; init; } = UserPoolDefaults.Complete(new PoolSettings());

    public DateTime CreationDate { get; init; }

    public DateTime LastModifiedDate { get; init; }

    /// <summary>SMS may be a second factor: the pool has an SMS configuration (SetUserPoolMfaConfig or CreateUserPool).</summary>
    public bool SmsMfaEnabled => Settings.SmsConfiguration is not null;

    /// <summary>OFF, ON or OPTIONAL; OFF when never set.</summary>
    public string MfaMode => Settings.MfaConfiguration ?? MfaFactors.Off;

    /// <summary>The part of the ID after the underscore, which SRP uses as its prefix (docs/behaviour.md §9).</summary>
    public string SrpPoolName => Id[(Id.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public bool TracksDevices => DeviceConfiguration is not null;

    /// <summary>
    /// Whether a remembered device stands in for the second factor: ChallengeRequiredOnNewDevice ([doc]
    /// DeviceConfigurationType). Without it devices are still tracked and proven, but MFA is asked every time.
    /// </summary>
    public bool RememberedDeviceReplacesMfa => DeviceConfiguration?.ChallengeRequiredOnNewDevice ?? false;
}
