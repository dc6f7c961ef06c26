namespace CognitoMock.Api;

/// <summary>
/// The pool settings that CreateUserPool and UpdateUserPool both take and DescribeUserPool returns, under the
/// same member names in all three shapes (and in a seed's pool). A pool keeps them in this form, as they were
/// given, with AWS's defaults for what was left out (<see cref="Domain.UserPoolDefaults"/>).
/// </summary>
public class UserPoolSettings
{
    public UserPoolPolicyType? Policies { get; set; }

    /// <summary>ACTIVE refuses DeleteUserPool; INACTIVE by default.</summary>
    public string? DeletionProtection { get; set; }

    /// <summary>Stored and returned; no trigger is ever called.</summary>
    public LambdaConfigType? LambdaConfig { get; set; }

    public List<string>? AutoVerifiedAttributes { get; set; }

    public string? SmsVerificationMessage { get; set; }

    public string? EmailVerificationMessage { get; set; }

    public string? EmailVerificationSubject { get; set; }

    public VerificationMessageTemplateType? VerificationMessageTemplate { get; set; }

    public string? SmsAuthenticationMessage { get; set; }

    public UserAttributeUpdateSettingsType? UserAttributeUpdateSettings { get; set; }

    /// <summary>OFF, ON or OPTIONAL; OFF by default.</summary>
    public string? MfaConfiguration { get; set; }

    public EmailConfigurationType? EmailConfiguration { get; set; }

    public SmsConfigurationType? SmsConfiguration { get; set; }

    public Dictionary<string, string>? UserPoolTags { get; set; }

    public AdminCreateUserConfigType? AdminCreateUserConfig { get; set; }

    public UserPoolAddOnsType? UserPoolAddOns { get; set; }

    public AccountRecoverySettingType? AccountRecoverySetting { get; set; }

    public string? UserPoolTier { get; set; }

    /// <summary>Takes every setting of <paramref name="source"/>, as it is.</summary>
    public void CopySettingsFrom(UserPoolSettings source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Policies = source.Policies;
        DeletionProtection = source.DeletionProtection;
        LambdaConfig = source.LambdaConfig;
        AutoVerifiedAttributes = source.AutoVerifiedAttributes;
        SmsVerificationMessage = source.SmsVerificationMessage;
        EmailVerificationMessage = source.EmailVerificationMessage;
        EmailVerificationSubject = source.EmailVerificationSubject;
        VerificationMessageTemplate = source.VerificationMessageTemplate;
        SmsAuthenticationMessage = source.SmsAuthenticationMessage;
        UserAttributeUpdateSettings = source.UserAttributeUpdateSettings;
        MfaConfiguration = source.MfaConfiguration;
        EmailConfiguration = source.EmailConfiguration;
        SmsConfiguration = source.SmsConfiguration;
        UserPoolTags = source.UserPoolTags;
        AdminCreateUserConfig = source.AdminCreateUserConfig;
        UserPoolAddOns = source.UserPoolAddOns;
        AccountRecoverySetting = source.AccountRecoverySetting;
        UserPoolTier = source.UserPoolTier;
    }
}

public sealed class UserPoolPolicyType
{
    public PasswordPolicyType? PasswordPolicy { get; set; }

    public SignInPolicyType? SignInPolicy { get; set; }
}

public sealed class PasswordPolicyType
{
    public int? MinimumLength { get; set; }

    public bool? RequireUppercase { get; set; }

    public bool? RequireLowercase { get; set; }

    public bool? RequireNumbers { get; set; }

    public bool? RequireSymbols { get; set; }

    /// <summary>Stored only: the mock keeps no password history.</summary>
    public int? PasswordHistorySize { get; set; }

    public int? TemporaryPasswordValidityDays { get; set; }
}

public sealed class SignInPolicyType
{
    public List<string>? AllowedFirstAuthFactors { get; set; }
}

public sealed class LambdaConfigType
{
    public string? PreSignUp { get; set; }

    public string? CustomMessage { get; set; }

    public string? PostConfirmation { get; set; }

    public string? PreAuthentication { get; set; }

    public string? PostAuthentication { get; set; }

    public string? DefineAuthChallenge { get; set; }

    public string? CreateAuthChallenge { get; set; }

    public string? VerifyAuthChallengeResponse { get; set; }

    public string? PreTokenGeneration { get; set; }

    public string? UserMigration { get; set; }

    public LambdaVersionConfigType? PreTokenGenerationConfig { get; set; }

    public LambdaVersionConfigType? CustomSMSSender { get; set; }

    public LambdaVersionConfigType? CustomEmailSender { get; set; }

    public string? KMSKeyID { get; set; }

    public LambdaVersionConfigType? InboundFederation { get; set; }
}

/// <summary>
/// PreTokenGenerationVersionConfigType, CustomSMSLambdaVersionConfigType, CustomEmailLambdaVersionConfigType
/// and InboundFederationLambdaType: the model's four shapes with these same two members.
/// </summary>
public sealed class LambdaVersionConfigType
{
    public string LambdaVersion { get; set; } = "";

    public string LambdaArn { get; set; } = "";
}

public sealed class VerificationMessageTemplateType
{
    public string? SmsMessage { get; set; }

    public string? EmailMessage { get; set; }

    public string? EmailSubject { get; set; }

    public string? EmailMessageByLink { get; set; }

    public string? EmailSubjectByLink { get; set; }

    public string? DefaultEmailOption { get; set; }
}

public sealed class UserAttributeUpdateSettingsType
{
    public List<string>? AttributesRequireVerificationBeforeUpdate { get; set; }
}

public sealed class EmailConfigurationType
{
    public string? SourceArn { get; set; }

    public string? ReplyToEmailAddress { get; set; }

    public string? EmailSendingAccount { get; set; }

    public string? From { get; set; }

    public string? ConfigurationSet { get; set; }
}

public sealed class SmsConfigurationType
{
    public string SnsCallerArn { get; set; } = "";

    public string? ExternalId { get; set; }

    public string? SnsRegion { get; set; }
}

public sealed class AdminCreateUserConfigType
{
    /// <summary>True refuses SignUp: only an administrator creates users.</summary>
    public bool? AllowAdminCreateUserOnly { get; set; }

    public int? UnusedAccountValidityDays { get; set; }

    public MessageTemplateType? InviteMessageTemplate { get; set; }
}

public sealed class MessageTemplateType
{
    public string? SMSMessage { get; set; }

    public string? EmailMessage { get; set; }

    public string? EmailSubject { get; set; }
}

public sealed class UserPoolAddOnsType
{
    public string AdvancedSecurityMode { get; set; } = "";

    public AdvancedSecurityAdditionalFlowsType? AdvancedSecurityAdditionalFlows { get; set; }
}

public sealed class AdvancedSecurityAdditionalFlowsType
{
    public string? CustomAuthMode { get; set; }
}

public sealed class AccountRecoverySettingType
{
    public List<RecoveryOptionType>? RecoveryMechanisms { get; set; }
}

public sealed class RecoveryOptionType
{
    public int Priority { get; set; }

    public string Name { get; set; } = "";
}

public sealed class SchemaAttributeType
{
    /// <summary>A standard attribute's name, or a custom one's (custom:name when a pool describes it).</summary>
    public string? Name { get; set; }

    public string? AttributeDataType { get; set; }

    public bool? DeveloperOnlyAttribute { get; set; }

    public bool? Mutable { get; set; }

    public bool? Required { get; set; }

    public NumberAttributeConstraintsType? NumberAttributeConstraints { get; set; }

    public StringAttributeConstraintsType? StringAttributeConstraints { get; set; }
}

public sealed class NumberAttributeConstraintsType
{
    public string? MinValue { get; set; }

    public string? MaxValue { get; set; }
}

public sealed class StringAttributeConstraintsType
{
    public string? MinLength { get; set; }

    public string? MaxLength { get; set; }
}

public sealed class UsernameConfigurationType
{
    public bool CaseSensitive { get; set; }
}

public sealed class DeviceConfigurationType
{
    public bool? ChallengeRequiredOnNewDevice { get; set; }

    public bool? DeviceOnlyRememberedOnUserPrompt { get; set; }
}
