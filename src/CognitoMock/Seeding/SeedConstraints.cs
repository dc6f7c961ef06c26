using System.Text.RegularExpressions;

namespace CognitoMock.Seeding;

/// <summary>
/// What the service model allows the API member a seed's string member stands for: its shape's length and
/// pattern. <paramref name="DotNetPattern"/> is the model's Java pattern as the protocol layer compiles it
/// (ModelPattern: \w and \s are ASCII in Java), and a sensitive shape's value is never quoted back.
/// </summary>
internal sealed record SeedConstraint(string Shape, int Min, int Max, string? Pattern, string? DotNetPattern, bool Sensitive, string Description)
{
    private readonly Regex? _regex = DotNetPattern is null
        ? null
        : new Regex(@"\A(?:" + DotNetPattern + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Why <paramref name="value"/> cannot be the seed's <paramref name="member"/>, or null when it can.</summary>
    public string? Problem(string member, string value)
    {
        if (value.Length < Min || value.Length > Max)
        {
            var lengths = Min > 0 ? $"{Min} to {Max}" : $"at most {Max}";
            return $"{member} must be {lengths} characters long ({Shape} in the service model); this one is {value.Length}.";
        }

        if (_regex is not null && !_regex.IsMatch(value))
        {
            return Sensitive ? $"{member} is not {Description}." : $"'{value}' is not {Description}.";
        }

        return null;
    }
}

/// <summary>
/// The model's constraints on the API members a seed's pools, clients, users and devices stand for, so a seed
/// holds nothing the API would refuse. The engine does not read the model (the protocol layer does), so these
/// few are copied here from src/CognitoMock.AspNetCore/Model/cognito-idp-2016-04-18.model.json, each named by
/// its shape; SeedConstraintsTests in CognitoMock.AspNetCore.Tests checks every one against the model.
/// </summary>
internal static class SeedConstraints
{
    private const string Ascii = @"a-zA-Z0-9_";
    private const string Space = @" \t\n\x0B\f\r";

    /// <summary>A pool's Id: CreateUserPoolClientRequest.UserPoolId (and every other operation's).</summary>
    public static readonly SeedConstraint UserPoolId = new("UserPoolIdType", 1, 55, @"[\w-]+_[0-9a-zA-Z]+", $"[{Ascii}-]+_[0-9a-zA-Z]+", false,
        "a user pool ID (region_alphanumerics)");

    /// <summary>A pool's Name: CreateUserPoolRequest.PoolName.</summary>
    public static readonly SeedConstraint UserPoolName = new("UserPoolNameType", 1, 128, @"[\w\s+=,.@-]+", $"[{Ascii}{Space}+=,.@-]+", false,
        "a user pool name (letters, digits, spaces and _ + = , . @ -)");

    /// <summary>A client's ClientId: SignUpRequest.ClientId (and every other operation's).</summary>
    public static readonly SeedConstraint ClientId = new("ClientIdType", 1, 128, @"[\w+]+", $"[{Ascii}+]+", true, "a client ID");

    /// <summary>A client's ClientName: CreateUserPoolClientRequest.ClientName.</summary>
    public static readonly SeedConstraint ClientName = new("ClientNameType", 1, 128, @"[\w\s+=,.@-]+", $"[{Ascii}{Space}+=,.@-]+", false,
        "a client name (letters, digits, spaces and _ + = , . @ -)");

    /// <summary>A client's ClientSecret: CreateUserPoolClientRequest.ClientSecret.</summary>
    public static readonly SeedConstraint ClientSecret = new("ClientSecretType", 24, 64, @"[\w+]+", $"[{Ascii}+]+", true,
        "a client secret (letters, digits, _ and +)");

    /// <summary>A user's Username: AdminCreateUserRequest.Username.</summary>
    public static readonly SeedConstraint Username = new("UsernameType", 1, 128, @"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", @"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", true,
        "a username (letters, marks, symbols, numbers or punctuation)");

    /// <summary>A user's Password: AdminSetUserPasswordRequest.Password.</summary>
    public static readonly SeedConstraint Password = new("PasswordType", 0, 256, @"[\S]+", $"[^{Space}]+", true, "a password (one without spaces)");

    /// <summary>An attribute's Value: AttributeType.Value; also a device's LastIpUsed and DeviceSdk, which DeviceType carries as attributes.</summary>
    public static readonly SeedConstraint AttributeValue = new("AttributeValueType", 0, 2048, null, null, true, "an attribute value");

    /// <summary>A device's DeviceKey: ConfirmDeviceRequest.DeviceKey.</summary>
    public static readonly SeedConstraint DeviceKey = new("DeviceKeyType", 1, 55, @"[\w-]+_[0-9a-f-]+", $"[{Ascii}-]+_[0-9a-f-]+", false,
        "a device key (region_uuid)");

    /// <summary>A device's DeviceName: ConfirmDeviceRequest.DeviceName.</summary>
    public static readonly SeedConstraint DeviceName = new("DeviceNameType", 1, 1024, null, null, false, "a device name");

    /// <summary>A device's verifier and salt: DeviceSecretVerifierConfigType.PasswordVerifier and Salt, as ConfirmDevice takes them.</summary>
    public static readonly SeedConstraint VerifierString = new("StringType", 0, 131_072, null, null, false, "a string");

    public static IReadOnlyList<SeedConstraint> All { get; } =
        [UserPoolId, UserPoolName, ClientId, ClientName, ClientSecret, Username, Password, AttributeValue, DeviceKey, DeviceName, VerifierString];
}
