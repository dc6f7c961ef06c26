using System.Numerics;
using CognitoMock.Randomness;
using CognitoMock.Srp;

namespace CognitoMock.Domain;

public sealed class Device
{
    public string DeviceKey { get; set; } = "";

    /// <summary>The owner's <see cref="User.Id"/>.</summary>
    public string UserId { get; set; } = "";

    public string DeviceGroupKey { get; set; } = "";

    public string? DeviceName { get; set; }

    /// <summary>False until ConfirmDevice; an unconfirmed device is never listed (docs/behaviour.md §4).</summary>
    public bool Confirmed { get; set; }

    public bool Remembered { get; set; }

    public string? LastIpUsed { get; set; }

    public string? DeviceSdk { get; set; }

    public DateTime? DeviceCreateDate { get; set; }

    public DateTime DeviceLastModifiedDate { get; set; }

    public DateTime? DeviceLastAuthenticatedDate { get; set; }

    /// <summary>The DeviceSecretVerifierConfig of ConfirmDevice: what device SRP is checked against.</summary>
    public DeviceVerifier? Verifier { get; set; }

    /// <summary>
    /// Whether a sign-in can prove this device, the one rule every step asks: confirmed, so its owner chose to
    /// keep it, and with a verifier to check the proof against.
    /// </summary>
    public bool IsProvable => Confirmed && Verifier is not null;
}

public sealed class DeviceVerifier
{
    /// <summary>
    /// The verifier a client would send to ConfirmDevice for this device secret, so a seeded device can
    /// prove itself without a ConfirmDevice call.
    /// </summary>
    public static DeviceVerifier FromSecret(string deviceGroupKey, string deviceKey, string deviceSecret, IRandomness random)
    {
        var salt = SrpGroup.FromUnsignedBytes(random.Bytes(16));
        var verifier = SrpGroup.Verifier(deviceGroupKey, deviceKey, deviceSecret, salt);
        return new DeviceVerifier
        {
            PasswordVerifier = Convert.ToBase64String(SrpGroup.Pad(verifier)),
            Salt = Convert.ToBase64String(SrpGroup.Pad(salt)),
        };
    }

    /// <summary>Base64 of the verifier, as ConfirmDevice sends it.</summary>
    public string PasswordVerifier { get; set; } = "";

    /// <summary>Base64 of the salt, as ConfirmDevice sends it.</summary>
    public string Salt { get; set; } = "";

    /// <summary>v, as the SRP arithmetic takes it: ConfirmDevice's bytes, unsigned and big-endian.</summary>
    public BigInteger Value => SrpGroup.FromUnsignedBytes(Convert.FromBase64String(PasswordVerifier));

    /// <summary>The salt as DEVICE_PASSWORD_VERIFIER's SALT parameter shows it: hex.</summary>
    public string SaltHex => Convert.ToHexStringLower(Convert.FromBase64String(Salt));
}

public static class DeviceRememberedStatus
{
    public const string Remembered = "remembered";
    public const string NotRemembered = "not_remembered";
}
