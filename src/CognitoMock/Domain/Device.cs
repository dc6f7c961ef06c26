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

    /// <summary>False until ConfirmDevice; an unconfirmed device is never listed (SEMANTICS §4).</summary>
    public bool Confirmed { get; set; }

    public bool Remembered { get; set; }

    public string? LastIpUsed { get; set; }

    public string? DeviceSdk { get; set; }

    public DateTime? DeviceCreateDate { get; set; }

    public DateTime DeviceLastModifiedDate { get; set; }

    public DateTime? DeviceLastAuthenticatedDate { get; set; }

    /// <summary>The DeviceSecretVerifierConfig of ConfirmDevice: what device SRP is checked against.</summary>
    public DeviceVerifier? Verifier { get; set; }
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
}

public static class DeviceRememberedStatus
{
    public const string Remembered = "remembered";
    public const string NotRemembered = "not_remembered";
}
