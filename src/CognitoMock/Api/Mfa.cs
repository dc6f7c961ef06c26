namespace CognitoMock.Api;

public sealed class SmsMfaConfigType
{
    public string? SmsAuthenticationMessage { get; set; }

    public SmsConfigurationType? SmsConfiguration { get; set; }
}

public sealed class SoftwareTokenMfaConfigType
{
    public bool? Enabled { get; set; }
}

public sealed class SetUserPoolMfaConfigRequest
{
    public string UserPoolId { get; set; } = "";

    public SmsMfaConfigType? SmsMfaConfiguration { get; set; }

    public SoftwareTokenMfaConfigType? SoftwareTokenMfaConfiguration { get; set; }

    public string? MfaConfiguration { get; set; }
}

/// <summary>The output of SetUserPoolMfaConfig and GetUserPoolMfaConfig.</summary>
public sealed class UserPoolMfaConfigResponse
{
    public SmsMfaConfigType? SmsMfaConfiguration { get; set; }

    public SoftwareTokenMfaConfigType? SoftwareTokenMfaConfiguration { get; set; }

    public string? MfaConfiguration { get; set; }
}

public sealed class GetUserPoolMfaConfigRequest
{
    public string UserPoolId { get; set; } = "";
}

public sealed class AssociateSoftwareTokenRequest
{
    public string? AccessToken { get; set; }

    public string? Session { get; set; }
}

public sealed class AssociateSoftwareTokenResponse
{
    public string? SecretCode { get; set; }

    public string? Session { get; set; }
}

public sealed class VerifySoftwareTokenRequest
{
    public string? AccessToken { get; set; }

    public string? Session { get; set; }

    public string UserCode { get; set; } = "";

    public string? FriendlyDeviceName { get; set; }
}

public sealed class VerifySoftwareTokenResponse
{
    public string? Status { get; set; }

    public string? Session { get; set; }
}

public sealed class MfaSettingsType
{
    public bool? Enabled { get; set; }

    public bool? PreferredMfa { get; set; }
}

public sealed class SetUserMFAPreferenceRequest
{
    public MfaSettingsType? SMSMfaSettings { get; set; }

    public MfaSettingsType? SoftwareTokenMfaSettings { get; set; }

    public string AccessToken { get; set; } = "";
}

public sealed class AdminSetUserMFAPreferenceRequest
{
    public MfaSettingsType? SMSMfaSettings { get; set; }

    public MfaSettingsType? SoftwareTokenMfaSettings { get; set; }

    public string Username { get; set; } = "";

    public string UserPoolId { get; set; } = "";
}
