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
}

public sealed class DeviceConfiguration
{
    public bool ChallengeRequiredOnNewDevice { get; set; }

    public bool DeviceOnlyRememberedOnUserPrompt { get; set; }
}
