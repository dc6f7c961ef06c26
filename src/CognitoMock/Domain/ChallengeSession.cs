namespace CognitoMock.Domain;

/// <summary>
/// A challenge that waits for its answer: what the Session string of NEW_PASSWORD_REQUIRED, DEVICE_SRP_AUTH,
/// DEVICE_PASSWORD_VERIFIER and the MFA challenges stands for. Kept server-side so a session is single-use and
/// expires by the clock (3 minutes, AWS's default; docs/behaviour.md §7).
/// </summary>
public sealed class ChallengeSession
{
    /// <summary>SHA-256 of the Session string, hex.</summary>
    public string Id { get; set; } = "";

    public string ChallengeName { get; set; } = "";

    public string UserPoolId { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string? DeviceKey { get; set; }

    /// <summary>The SMS code sent for this challenge.</summary>
    public string? Code { get; set; }

    /// <summary>For MFA_SETUP: a TOTP code has verified the secret, so the challenge can be answered.</summary>
    public bool Verified { get; set; }

    public DateTime Expires { get; set; }

    /// <summary>Answered already: kept until it expires, so a second answer is told the Session was used.</summary>
    public bool Spent { get; set; }

    /// <summary>
    /// The other Session (its hash) that opens this same challenge: the DEVICE_SRP_AUTH after an MFA code is
    /// also opened by the MFA challenge's Session. Answering under either spends both.
    /// </summary>
    public string? Twin { get; set; }

    /// <summary>This challenge under another Session's hash, each naming the other as its twin.</summary>
    public ChallengeSession TwinnedAs(string id)
    {
        var twin = (ChallengeSession)MemberwiseClone();
        twin.Id = id;
        twin.Twin = Id;
        twin.Spent = false;
        Twin = id;
        return twin;
    }
}
