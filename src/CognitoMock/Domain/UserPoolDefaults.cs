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
    public static PoolSettings Complete(PoolSettings given)
    {
        ArgumentNullException.ThrowIfNull(given);
        return given with
        {
            Policies = new PoolPolicies
            {
                PasswordPolicy = given.Policies?.PasswordPolicy ?? PasswordPolicies.Default,
                SignInPolicy = given.Policies?.SignInPolicy,
            },
            DeletionProtection = given.DeletionProtection ?? "INACTIVE",
            MfaConfiguration = given.MfaConfiguration ?? MfaOff,
            LambdaConfig = given.LambdaConfig ?? new LambdaTriggers(),
            AdminCreateUserConfig = given.AdminCreateUserConfig ?? new AdminCreateUserSettings { AllowAdminCreateUserOnly = false, UnusedAccountValidityDays = 7 },
            UserPoolTier = given.UserPoolTier ?? "ESSENTIALS",
        };
    }
}
