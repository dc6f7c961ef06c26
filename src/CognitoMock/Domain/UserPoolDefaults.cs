using CognitoMock.Api;

namespace CognitoMock.Domain;

/// <summary>What a pool's settings are when CreateUserPool, UpdateUserPool or a seed leaves them out.</summary>
public static class UserPoolDefaults
{
    public const string MfaOff = "OFF";
    public const string DeletionProtectionActive = "ACTIVE";

    /// <summary>
    /// The settings given, with AWS's defaults for what is missing: the password policy, MFA off, deletion
    /// protection off, an empty LambdaConfig and AdminCreateUserConfig as a pool created with only a name
    /// describes them (seen: the create-user-pool example of the AWS CLI's documentation); the ESSENTIALS tier
    /// (the model's UserPoolTier documentation). UpdateUserPool resets what it leaves out to these (its
    /// documentation), so it completes its request the same way.
    /// </summary>
    public static UserPoolSettings Complete(UserPoolSettings given)
    {
        var settings = new UserPoolSettings();
        settings.CopySettingsFrom(given);
        settings.Policies = new UserPoolPolicyType
        {
            PasswordPolicy = given.Policies?.PasswordPolicy ?? PasswordPolicies.Default(),
            SignInPolicy = given.Policies?.SignInPolicy,
        };
        settings.DeletionProtection ??= "INACTIVE";
        settings.MfaConfiguration ??= MfaOff;
        settings.LambdaConfig ??= new LambdaConfigType();
        settings.AdminCreateUserConfig ??= new AdminCreateUserConfigType { AllowAdminCreateUserOnly = false, UnusedAccountValidityDays = 7 };
        settings.UserPoolTier ??= "ESSENTIALS";
        return settings;
    }
}
