namespace CognitoMock.Domain;

// The pool settings a pool keeps, as the store keeps them. They are the domain's own records, immutable, so
// a change of the wire shapes (regenerated from the model) never changes what a data file holds. Their
// members bear the model's names, which lets the operations convert them to and from the wire shapes by
// name (Operations/ByName.cs) and keeps data files of earlier releases readable as they are.

/// <summary>
/// The settings that CreateUserPool and UpdateUserPool take and DescribeUserPool returns, complete with AWS's
/// defaults for what was left out (<see cref="UserPoolDefaults"/>).
/// </summary>
public record PoolSettings
{
    /// <summary>These settings alone, without what a record derived from them adds (a seed's pool).</summary>
    public PoolSettings AsSettings() => new(this);

    public PoolPolicies? Policies { get; init; }

    /// <summary>ACTIVE refuses DeleteUserPool; INACTIVE by default.</summary>
    public string? DeletionProtection { get; init; }

    /// <summary>Stored and returned; no trigger is ever called.</summary>
    public LambdaTriggers? LambdaConfig { get; init; }

    public IReadOnlyList<string>? AutoVerifiedAttributes { get; init; }

    public string? SmsVerificationMessage { get; init; }

    public string? EmailVerificationMessage { get; init; }

    public string? EmailVerificationSubject { get; init; }

    public VerificationTemplates? VerificationMessageTemplate { get; init; }

    public string? SmsAuthenticationMessage { get; init; }

    public AttributeUpdateSettings? UserAttributeUpdateSettings { get; init; }

    /// <summary>OFF, ON or OPTIONAL; OFF by default.</summary>
    public string? MfaConfiguration { get; init; }

    public EmailSettings? EmailConfiguration { get; init; }

    public SmsSettings? SmsConfiguration { get; init; }

    public IReadOnlyDictionary<string, string>? UserPoolTags { get; init; }

    public AdminCreateUserSettings? AdminCreateUserConfig { get; init; }

    public PoolAddOns? UserPoolAddOns { get; init; }

    public AccountRecovery? AccountRecoverySetting { get; init; }

    public string? UserPoolTier { get; init; }
}

public sealed record PoolPolicies
{
    public PasswordPolicy? PasswordPolicy { get; init; }

    public SignInPolicy? SignInPolicy { get; init; }
}

public sealed record PasswordPolicy
{
    public int? MinimumLength { get; init; }

    public bool? RequireUppercase { get; init; }

    public bool? RequireLowercase { get; init; }

    public bool? RequireNumbers { get; init; }

    public bool? RequireSymbols { get; init; }

    /// <summary>Stored only: the mock keeps no password history.</summary>
    public int? PasswordHistorySize { get; init; }

    public int? TemporaryPasswordValidityDays { get; init; }
}

public sealed record SignInPolicy
{
    public IReadOnlyList<string>? AllowedFirstAuthFactors { get; init; }
}

/// <summary>The model's LambdaConfigType: the function of each trigger.</summary>
public sealed record LambdaTriggers
{
    public string? PreSignUp { get; init; }

    public string? CustomMessage { get; init; }

    public string? PostConfirmation { get; init; }

    public string? PreAuthentication { get; init; }

    public string? PostAuthentication { get; init; }

    public string? DefineAuthChallenge { get; init; }

    public string? CreateAuthChallenge { get; init; }

    public string? VerifyAuthChallengeResponse { get; init; }

    public string? PreTokenGeneration { get; init; }

    public string? UserMigration { get; init; }

    public LambdaVersionConfig? PreTokenGenerationConfig { get; init; }

    public LambdaVersionConfig? CustomSMSSender { get; init; }

    public LambdaVersionConfig? CustomEmailSender { get; init; }

    public string? KMSKeyID { get; init; }

    public LambdaVersionConfig? InboundFederation { get; init; }
}

/// <summary>A trigger named with its event version: the four version-config shapes of the model have these two members.</summary>
public sealed record LambdaVersionConfig
{
    public string LambdaVersion { get; init; } = "";

    public string LambdaArn { get; init; } = "";
}

public sealed record VerificationTemplates
{
    public string? SmsMessage { get; init; }

    public string? EmailMessage { get; init; }

    public string? EmailSubject { get; init; }

    public string? EmailMessageByLink { get; init; }

    public string? EmailSubjectByLink { get; init; }

    public string? DefaultEmailOption { get; init; }
}

public sealed record AttributeUpdateSettings
{
    public IReadOnlyList<string>? AttributesRequireVerificationBeforeUpdate { get; init; }
}

public sealed record EmailSettings
{
    public string? SourceArn { get; init; }

    public string? ReplyToEmailAddress { get; init; }

    public string? EmailSendingAccount { get; init; }

    public string? From { get; init; }

    public string? ConfigurationSet { get; init; }
}

public sealed record SmsSettings
{
    public string SnsCallerArn { get; init; } = "";

    public string? ExternalId { get; init; }

    public string? SnsRegion { get; init; }
}

public sealed record AdminCreateUserSettings
{
    /// <summary>True refuses SignUp: only an administrator creates users.</summary>
    public bool? AllowAdminCreateUserOnly { get; init; }

    public int? UnusedAccountValidityDays { get; init; }

    public MessageTemplate? InviteMessageTemplate { get; init; }
}

public sealed record MessageTemplate
{
    public string? SMSMessage { get; init; }

    public string? EmailMessage { get; init; }

    public string? EmailSubject { get; init; }
}

public sealed record PoolAddOns
{
    public string AdvancedSecurityMode { get; init; } = "";

    public AdditionalFlows? AdvancedSecurityAdditionalFlows { get; init; }
}

public sealed record AdditionalFlows
{
    public string? CustomAuthMode { get; init; }
}

public sealed record AccountRecovery
{
    public IReadOnlyList<RecoveryOption>? RecoveryMechanisms { get; init; }
}

public sealed record RecoveryOption
{
    public int Priority { get; init; }

    public string Name { get; init; } = "";
}

/// <summary>
/// A schema attribute as a pool keeps it: a standard attribute under its name, a custom one under its name
/// without the custom: prefix (<see cref="PoolSchema"/>).
/// </summary>
public sealed record SchemaAttribute
{
    public string? Name { get; init; }

    public string? AttributeDataType { get; init; }

    public bool? DeveloperOnlyAttribute { get; init; }

    public bool? Mutable { get; init; }

    public bool? Required { get; init; }

    public NumberConstraints? NumberAttributeConstraints { get; init; }

    public StringConstraints? StringAttributeConstraints { get; init; }
}

public sealed record NumberConstraints
{
    public string? MinValue { get; init; }

    public string? MaxValue { get; init; }
}

public sealed record StringConstraints
{
    public string? MinLength { get; init; }

    public string? MaxLength { get; init; }
}

/// <summary>Any DeviceConfiguration turns device tracking on (docs/behaviour.md §4); an omitted flag is false.</summary>
public sealed record DeviceConfiguration
{
    public bool ChallengeRequiredOnNewDevice { get; init; }

    public bool DeviceOnlyRememberedOnUserPrompt { get; init; }
}
