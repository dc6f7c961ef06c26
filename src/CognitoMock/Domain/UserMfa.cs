namespace CognitoMock.Domain;

/// <summary>A user's second factors: which are enabled and preferred, and the TOTP secret it verified.</summary>
public sealed class UserMfa
{
    public bool SmsEnabled { get; set; }

    public bool SmsPreferred { get; set; }

    public bool SoftwareTokenEnabled { get; set; }

    public bool SoftwareTokenPreferred { get; set; }

    /// <summary>Base32 TOTP secret the user verified with VerifySoftwareToken.</summary>
    public string? SoftwareTokenSecret { get; set; }

    /// <summary>Base32 secret AssociateSoftwareToken handed out, until a code verifies it.</summary>
    public string? PendingSoftwareTokenSecret { get; set; }

    /// <summary>The last TOTP time step a sign-in accepted; a code of that step or before is not taken again.</summary>
    public long LastSoftwareTokenStep { get; set; }

    public List<string> SettingList()
    {
        var list = new List<string>(2);
        if (SmsEnabled)
        {
            list.Add(MfaFactors.Sms);
        }

        if (SoftwareTokenEnabled)
        {
            list.Add(MfaFactors.SoftwareToken);
        }

        return list;
    }

    public string? Preferred => SmsEnabled && SmsPreferred ? MfaFactors.Sms
        : SoftwareTokenEnabled && SoftwareTokenPreferred ? MfaFactors.SoftwareToken
        : null;
}

public static class MfaFactors
{
    public const string Sms = "SMS_MFA";
    public const string SoftwareToken = "SOFTWARE_TOKEN_MFA";
    public const string Select = "SELECT_MFA_TYPE";
    public const string Setup = "MFA_SETUP";

    public const string Off = "OFF";
    public const string On = "ON";
    public const string Optional = "OPTIONAL";
}
