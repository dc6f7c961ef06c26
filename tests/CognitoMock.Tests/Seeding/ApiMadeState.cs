using CognitoMock.Api;
using CognitoMock.Domain;

namespace CognitoMock.Tests.Seeding;

/// <summary>
/// State made the way a test makes it through the API: pools with every kind of setting, clients with secrets
/// and settings, users in each status with changed attributes, and a device with all its dates.
/// </summary>
internal static class ApiMadeState
{
    public static readonly RequestContext Context = new("00000000-0000-4000-8000-000000000000", "203.0.113.9");

    /// <summary>Builds the state; the ID of the alias pool, whose user alice has the device.</summary>
    public static string Build(TestBackend test)
    {
        var backend = test.Backend;
        var pool = backend.CreateUserPool(new CreateUserPoolRequest
        {
            PoolName = "exported",
            AliasAttributes = ["email", "preferred_username"],
            UsernameConfiguration = new UsernameConfigurationType { CaseSensitive = false },
            DeviceConfiguration = new DeviceConfigurationType { ChallengeRequiredOnNewDevice = true },
            Schema = [new SchemaAttributeType { Name = "email", Required = true }, new SchemaAttributeType { Name = "tenant", Mutable = false, StringAttributeConstraints = new() { MaxLength = "36" } }],
            Policies = new UserPoolPolicyType { PasswordPolicy = new PasswordPolicyType { MinimumLength = 10, RequireSymbols = true } },
            MfaConfiguration = "OPTIONAL",
            LambdaConfig = new LambdaConfigType { PreSignUp = "arn:aws:lambda:us-east-1:123456789012:function:pre", CustomEmailSender = new() { LambdaVersion = "V1_0", LambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:mail" } },
            EmailConfiguration = new EmailConfigurationType { EmailSendingAccount = "DEVELOPER", SourceArn = "arn:aws:ses:us-east-1:123456789012:identity/example.com" },
            UserPoolTags = new() { ["team"] = "identity" },
            AccountRecoverySetting = new AccountRecoverySettingType { RecoveryMechanisms = [new() { Priority = 1, Name = "verified_email" }] },
            UserPoolAddOns = new UserPoolAddOnsType { AdvancedSecurityMode = "AUDIT" },
        }, Context).UserPool!.Id!;
        var emailPool = backend.CreateUserPool(new CreateUserPoolRequest { PoolName = "by email", UsernameAttributes = ["email"], DeletionProtection = "ACTIVE" }, Context).UserPool!.Id!;
        test.Clock.Advance(TimeSpan.FromMinutes(3));
        backend.UpdateUserPool(new UpdateUserPoolRequest
        {
            UserPoolId = emailPool,
            DeletionProtection = "ACTIVE",
            VerificationMessageTemplate = new VerificationMessageTemplateType { DefaultEmailOption = "CONFIRM_WITH_LINK" },
            AdminCreateUserConfig = new AdminCreateUserConfigType { AllowAdminCreateUserOnly = true },
        }, Context);

        var client = backend.CreateUserPoolClient(new CreateUserPoolClientRequest
        {
            UserPoolId = pool,
            ClientName = "server",
            GenerateSecret = true,
            ExplicitAuthFlows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            AccessTokenValidity = 30,
            TokenValidityUnits = new TokenValidityUnitsType { AccessToken = "minutes" },
            ReadAttributes = ["email", "custom:tenant"],
            CallbackURLs = ["https://example.com/cb"],
            RefreshTokenRotation = new RefreshTokenRotationType { Feature = "ENABLED", RetryGracePeriodSeconds = 5 },
        }, Context).UserPoolClient!;
        backend.CreateUserPoolClient(new CreateUserPoolClientRequest { UserPoolId = emailPool, ClientName = "web" }, Context);

        test.Clock.Advance(TimeSpan.FromMinutes(1));
        var alice = backend.AdminCreateUser(new AdminCreateUserRequest
        {
            UserPoolId = pool,
            Username = "Alice",
            TemporaryPassword = "Temp0rary!!",
            UserAttributes = [new() { Name = "email", Value = "alice@example.com" }, new() { Name = "email_verified", Value = "true" }, new() { Name = "custom:tenant", Value = "acme" }],
        }, Context).User!;
        backend.AdminSetUserPassword(new AdminSetUserPasswordRequest { UserPoolId = pool, Username = "alice", Password = "Passw0rd!!", Permanent = true }, Context);
        backend.AdminUpdateUserAttributes(new AdminUpdateUserAttributesRequest
        {
            UserPoolId = pool,
            Username = "alice",
            UserAttributes = [new() { Name = "preferred_username", Value = "ally" }, new() { Name = "given_name", Value = "Alice" }],
        }, Context);
        backend.AdminCreateUser(new AdminCreateUserRequest { UserPoolId = pool, Username = "bob", UserAttributes = [new() { Name = "email", Value = "bob@example.com" }] }, Context);
        backend.AdminDisableUser(new AdminDisableUserRequest { UserPoolId = pool, Username = "bob" }, Context);
        backend.SignUp(new SignUpRequest
        {
            ClientId = client.ClientId!,
            Username = "carol",
            Password = "Passw0rd!!",
            SecretHash = SecretHash.Compute(client.ClientSecret!, "carol", client.ClientId!),
            UserAttributes = [new() { Name = "email", Value = "carol@example.com" }],
        }, Context);
        backend.AdminCreateUser(new AdminCreateUserRequest { UserPoolId = emailPool, Username = "erin@example.com", TemporaryPassword = "Passw0rd!" }, Context);

        var created = test.Clock.GetUtcNow().UtcDateTime.AddDays(-2);
        test.Store.Write(tx => tx.InsertDevice(new Device
        {
            DeviceKey = "us-east-1_0000dddd-0000-4000-8000-000000000001",
            UserId = test.UserId(pool, alice.Attributes!.Single(a => a.Name == "sub").Value!),
            DeviceGroupKey = "-AbCdEfGh",
            DeviceName = "Alice's phone",
            Confirmed = true,
            Remembered = true,
            LastIpUsed = "203.0.113.7",
            DeviceSdk = "aws-sdk-js",
            DeviceCreateDate = created,
            DeviceLastModifiedDate = created.AddHours(1),
            DeviceLastAuthenticatedDate = created.AddHours(2),
            Verifier = DeviceVerifier.FromSecret("-AbCdEfGh", "us-east-1_0000dddd-0000-4000-8000-000000000001", "device secret", backend.Random),
        }));
        return pool;
    }
}
