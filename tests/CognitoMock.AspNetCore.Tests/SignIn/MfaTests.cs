using System.Net;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Domain;
using CognitoMock.Seeding;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.SignIn;

/// <summary>Issue 6: the pool's MFA settings, TOTP and SMS factors, their challenges, and MFA_SETUP.</summary>
public sealed class MfaTests
{
    internal const string Pool = "us-east-1_Mfa1";
    internal const string PoolName = "Mfa1";
    internal const string Client = "mfaclient00000000000000001";
    internal const string Password = "Passw0rd!";
    internal const string TotpSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private const string Invalid = "InvalidParameterException";

    [Fact]
    public async Task SetUserPoolMfaConfig_IsWhatGetUserPoolMfaConfigAndDescribeUserPoolShow()
    {
        using var mock = Start("OFF");
        var wire = new Wire(mock);

        var set = await wire.CallAsync("SetUserPoolMfaConfig", new
        {
            UserPoolId = Pool,
            MfaConfiguration = "OPTIONAL",
            SoftwareTokenMfaConfiguration = new { Enabled = true },
            SmsMfaConfiguration = new { SmsAuthenticationMessage = "Your code is {####}", SmsConfiguration = new { SnsCallerArn = "arn:aws:iam::123456789012:role/sms" } },
        });

        set.ShouldBeOk();
        var got = await wire.CallAsync("GetUserPoolMfaConfig", new { UserPoolId = Pool });
        got.Text.Should().Be(set.Text);
        got.Json["MfaConfiguration"]!.GetValue<string>().Should().Be("OPTIONAL");
        got.Json["SoftwareTokenMfaConfiguration"]!["Enabled"]!.GetValue<bool>().Should().BeTrue();
        got.Json["SmsMfaConfiguration"]!["SmsAuthenticationMessage"]!.GetValue<string>().Should().Be("Your code is {####}");
        (await wire.CallAsync("DescribeUserPool", new { UserPoolId = Pool })).Json["UserPool"]!["MfaConfiguration"]!.GetValue<string>().Should().Be("OPTIONAL");
    }

    [Fact]
    public async Task SetUserPoolMfaConfig_RefusesMfaWithoutAFactor_AndAnUnknownPool()
    {
        using var mock = InProcessCognitoMock.Start();
        mock.Seed(new SeedDocument { UserPools = [new SeedUserPool { Id = Pool, Name = "bare" }] });
        var wire = new Wire(mock);

        (await wire.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = Pool, MfaConfiguration = "ON" }))
            .ShouldBeError(Invalid, "Invalid MFA configuration given, can't turn on MFA without any MFA type enabled.");
        (await wire.CallAsync("GetUserPoolMfaConfig", new { UserPoolId = "us-east-1_Nope" }))
            .ShouldBeError("ResourceNotFoundException", "User pool us-east-1_Nope does not exist.");
        (await wire.CallAsync("SetUserPoolMfaConfig", new { UserPoolId = Pool, MfaConfiguration = "SOMETIMES" })).Json["__type"]!.GetValue<string>().Should().Be(Invalid);
    }

    [Fact]
    public async Task ATotpToken_IsAssociatedVerifiedAndPreferred_ThenShownByGetUserAndAdminGetUser()
    {
        using var mock = Start("OPTIONAL");
        var wire = new Wire(mock);
        var token = await SignedInTokenAsync(wire, "plain");

        var associated = await wire.CallAsync("AssociateSoftwareToken", new { AccessToken = token }, signed: false);
        associated.ShouldBeOk();
        var secret = associated.Json["SecretCode"]!.GetValue<string>();
        secret.Should().MatchRegex("^[A-Z2-7]{32}$");
        (await wire.CallAsync("VerifySoftwareToken", new { AccessToken = token, UserCode = "000000" }, signed: false))
            .ShouldBeError("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");
        var verified = await wire.CallAsync("VerifySoftwareToken", new { AccessToken = token, UserCode = Code(mock, secret), FriendlyDeviceName = "phone" }, signed: false);
        verified.ShouldBeOk();
        verified.Json["Status"]!.GetValue<string>().Should().Be("SUCCESS");
        (await wire.CallAsync("SetUserMFAPreference", new { AccessToken = token, SoftwareTokenMfaSettings = new { Enabled = true, PreferredMfa = true } }, signed: false))
            .ShouldBeOk();

        var user = await wire.CallAsync("GetUser", new { AccessToken = token }, signed: false);
        var admin = await wire.CallAsync("AdminGetUser", new { UserPoolId = Pool, Username = "plain" });
        foreach (var view in new[] { user, admin })
        {
            view.Json["PreferredMfaSetting"]!.GetValue<string>().Should().Be("SOFTWARE_TOKEN_MFA");
            view.Json["UserMFASettingList"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal("SOFTWARE_TOKEN_MFA");
        }
    }

    [Fact]
    public async Task VerifySoftwareToken_WithoutAnAssociatedToken_IsSoftwareTokenMfaNotFound()
    {
        using var mock = Start("OPTIONAL");
        var wire = new Wire(mock);
        var token = await SignedInTokenAsync(wire, "plain");

        var response = await wire.CallAsync("VerifySoftwareToken", new { AccessToken = token, UserCode = "123456" }, signed: false);

        response.ShouldBeError("SoftwareTokenMFANotFoundException", "Software Token MFA has not been associated with the user: call AssociateSoftwareToken first.");
    }

    [Fact]
    public async Task MfaPreferences_NeedTheirFactorSetUp()
    {
        using var mock = Start("OPTIONAL");
        var wire = new Wire(mock);

        (await wire.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = Pool, Username = "plain", SMSMfaSettings = new { Enabled = true } }))
            .ShouldBeError(Invalid, "User does not have delivery config set to turn on SMS_MFA");
        (await wire.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = Pool, Username = "plain", SoftwareTokenMfaSettings = new { Enabled = true } }))
            .ShouldBeError(Invalid, "User has not verified software token mfa");
        (await wire.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = Pool, Username = "nobody", SMSMfaSettings = new { Enabled = true } }))
            .ShouldBeError("UserNotFoundException", "User does not exist.");
        (await wire.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = Pool, Username = "phoned", SMSMfaSettings = new { Enabled = true, PreferredMfa = true } }))
            .ShouldBeOk();
        var admin = await wire.CallAsync("AdminGetUser", new { UserPoolId = Pool, Username = "phoned" });
        admin.Json["PreferredMfaSetting"]!.GetValue<string>().Should().Be("SMS_MFA");
        (await wire.CallAsync("AdminSetUserMFAPreference", new { UserPoolId = Pool, Username = "phoned", SMSMfaSettings = new { Enabled = false } }))
            .ShouldBeOk();
        (await wire.CallAsync("AdminGetUser", new { UserPoolId = Pool, Username = "phoned" })).Json.ContainsKey("UserMFASettingList").Should().BeFalse();
    }

    [Fact]
    public async Task ATotpUser_IsAskedForACode_AndTheRightOneSignsIn()
    {
        using var mock = Start("OPTIONAL");
        var flows = new SignInFlows(mock, Client);

        var challenge = await SrpAsync(flows, "tia");
        challenge.Json["ChallengeName"]!.GetValue<string>().Should().Be("SOFTWARE_TOKEN_MFA");
        (await Answer(flows, challenge, "SOFTWARE_TOKEN_MFA", "tia", "000000")).ShouldBeError("CodeMismatchException", "Invalid code or auth state for the user.");

        var signedIn = await Answer(flows, challenge, "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret));

        signedIn.ShouldBeOk();
        signedIn.Json["AuthenticationResult"]!["NewDeviceMetadata"].Should().NotBeNull();
    }

    [Fact]
    public async Task ATotpCode_CannotBeUsedTwice_ButTheNextStepsCodeWorks()
    {
        using var mock = Start("OPTIONAL");
        var flows = new SignInFlows(mock, Client);
        var code = Code(mock, TotpSecret);
        (await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", code)).ShouldBeOk();

        (await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", code))
            .ShouldBeError("ExpiredCodeException", "Your software token has already been used once.");
        mock.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret))).ShouldBeOk();
    }

    [Fact]
    public async Task ATotpCode_OfTheStepBefore_IsStillGood_ButNotTwoStepsBefore()
    {
        using var mock = Start("OPTIONAL");
        var flows = new SignInFlows(mock, Client);
        var old = Code(mock, TotpSecret);
        mock.Clock.Advance(TimeSpan.FromSeconds(30));
        (await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", old)).ShouldBeOk();

        var older = Code(mock, TotpSecret);
        mock.Clock.Advance(TimeSpan.FromSeconds(60));
        (await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", older)).ShouldBeError("CodeMismatchException", "Invalid code or auth state for the user.");
    }

    [Fact]
    public async Task AnSmsUser_GetsACodeTheMockKeeps_AndTheChallengeNamesWhereItWent()
    {
        using var mock = Start("OPTIONAL");
        var flows = new SignInFlows(mock, Client);

        var challenge = await SrpAsync(flows, "sam");

        challenge.Json["ChallengeName"]!.GetValue<string>().Should().Be("SMS_MFA");
        challenge.Json["ChallengeParameters"]!["CODE_DELIVERY_DELIVERY_MEDIUM"]!.GetValue<string>().Should().Be("SMS");
        challenge.Json["ChallengeParameters"]!["CODE_DELIVERY_DESTINATION"]!.GetValue<string>().Should().Be("+*******0123");
        var code = mock.Backend.Messages.LastCodeFor(Pool, "sam")!;
        code.Should().MatchRegex(@"^\d{6}$");
        var sent = JsonNode.Parse(await mock.CreateClient().GetStringAsync($"/_mock/sms?userPoolId={Pool}&username=sam"))!.AsArray();
        sent.Single()!["Code"]!.GetValue<string>().Should().Be(code);
        sent.Single()!["Destination"]!.GetValue<string>().Should().Be("+15555550123");
        (await Answer(flows, challenge, "SMS_MFA", "sam", code == "111111" ? "222222" : "111111")).ShouldBeError("CodeMismatchException", "Invalid code or auth state for the user.");
        (await Answer(flows, challenge, "SMS_MFA", "sam", code)).ShouldBeOk();
    }

    [Fact]
    public async Task AFixedSmsCode_CanBeConfiguredForDemos()
    {
        using var mock = Start("OPTIONAL", configure: s => s.Engine.FixedSmsCode = "424242");
        var flows = new SignInFlows(mock, Client);

        var signedIn = await Answer(flows, await SrpAsync(flows, "sam"), "SMS_MFA", "sam", "424242");

        signedIn.ShouldBeOk();
    }

    [Fact]
    public async Task TwoFactorsWithoutAPreference_AskTheUserToChoose()
    {
        using var mock = Start("OPTIONAL");
        var flows = new SignInFlows(mock, Client);

        var select = await SrpAsync(flows, "both");
        select.Json["ChallengeName"]!.GetValue<string>().Should().Be("SELECT_MFA_TYPE");
        select.Json["ChallengeParameters"]!["MFAS_CAN_CHOOSE"]!.GetValue<string>().Should().Be("[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]");
        var totp = await flows.RespondAsync("SELECT_MFA_TYPE", new() { ["USERNAME"] = "both", ["ANSWER"] = "SOFTWARE_TOKEN_MFA" }, Session(select));

        totp.Json["ChallengeName"]!.GetValue<string>().Should().Be("SOFTWARE_TOKEN_MFA");
        (await Answer(flows, totp, "SOFTWARE_TOKEN_MFA", "both", Code(mock, TotpSecret))).ShouldBeOk();
    }

    [Fact]
    public async Task InAnOptionalPool_AUserWithoutAFactorSignsInWithoutOne()
    {
        using var mock = Start("OPTIONAL");

        var signedIn = await SrpAsync(new SignInFlows(mock, Client), "plain");

        signedIn.ShouldBeOk();
        signedIn.Json["AuthenticationResult"]!["AccessToken"].Should().NotBeNull();
    }

    [Fact]
    public async Task InAPoolThatRequiresMfa_AUserWithAPhoneGetsSms_AndOneWithoutSetsUpTotp()
    {
        using var mock = Start("ON");
        var flows = new SignInFlows(mock, Client);

        (await SrpAsync(flows, "phoned")).Json["ChallengeName"]!.GetValue<string>().Should().Be("SMS_MFA");

        var setup = await SrpAsync(flows, "plain");
        setup.Json["ChallengeName"]!.GetValue<string>().Should().Be("MFA_SETUP");
        setup.Json["ChallengeParameters"]!["MFAS_CAN_SETUP"]!.GetValue<string>().Should().Be("[\"SOFTWARE_TOKEN_MFA\"]");
        (await flows.RespondAsync("MFA_SETUP", new() { ["USERNAME"] = "plain" }, Session(setup)))
            .ShouldBeError(Invalid, "MFA_SETUP needs a software token verified with VerifySoftwareToken under this session first.");
        var associated = await flows.Wire.CallAsync("AssociateSoftwareToken", new { Session = Session(setup) }, signed: false);
        var secret = associated.Json["SecretCode"]!.GetValue<string>();
        var verified = await flows.Wire.CallAsync("VerifySoftwareToken", new { Session = Session(associated), UserCode = Code(mock, secret) }, signed: false);
        verified.Json["Status"]!.GetValue<string>().Should().Be("SUCCESS");
        var signedIn = await flows.RespondAsync("MFA_SETUP", new() { ["USERNAME"] = "plain" }, Session(verified));
        signedIn.ShouldBeOk();
        signedIn.Json["AuthenticationResult"]!["AccessToken"].Should().NotBeNull();

        mock.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = await SrpAsync(flows, "plain");
        next.Json["ChallengeName"]!.GetValue<string>().Should().Be("SOFTWARE_TOKEN_MFA");
        (await Answer(flows, next, "SOFTWARE_TOKEN_MFA", "plain", Code(mock, secret))).ShouldBeOk();
    }

    [Fact]
    public async Task AnMfaSession_ExpiresAfterThreeMinutes()
    {
        using var mock = Start("OPTIONAL");
        var flows = new SignInFlows(mock, Client);
        var challenge = await SrpAsync(flows, "tia");

        mock.Clock.Advance(TimeSpan.FromMinutes(3));

        (await Answer(flows, challenge, "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret)))
            .ShouldBeError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    internal static InProcessCognitoMock Start(string mfa, bool challengeRequiredOnNewDevice = true, Action<CognitoMockSettings>? configure = null)
    {
        var mock = InProcessCognitoMock.Start(configure);
        SeedUser User(string name, string? phone = null, string[]? factors = null, string? preferred = null) => new()
        {
            Username = name,
            Password = Password,
            Attributes =
            [
                new() { Name = "email", Value = $"{name}@example.com" },
                new() { Name = "email_verified", Value = "true" },
                .. phone is null ? Array.Empty<SeedAttribute>() : [new() { Name = "phone_number", Value = phone }],
            ],
            UserMFASettingList = factors is null ? null : [.. factors],
            PreferredMfaSetting = preferred,
            SoftwareTokenSecret = factors?.Contains("SOFTWARE_TOKEN_MFA") == true ? TotpSecret : null,
        };
        var pool = new SeedUserPool
        {
            Id = Pool,
            Name = "mfa",
            AliasAttributes = ["email"],
            MfaConfiguration = mfa,
            SmsConfiguration = new Domain.SmsSettings { SnsCallerArn = "arn:aws:iam::123456789012:role/sms" },
            SoftwareTokenMfaConfiguration = new SeedSoftwareTokenMfaConfiguration { Enabled = true },
            DeviceConfiguration = new SeedDeviceConfiguration { ChallengeRequiredOnNewDevice = challengeRequiredOnNewDevice },
            Clients = [new SeedClient { ClientId = Client, ClientName = "web", ExplicitAuthFlows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }],
            Users =
            [
                User("tia", factors: ["SOFTWARE_TOKEN_MFA"], preferred: "SOFTWARE_TOKEN_MFA"),
                User("sam", "+15555550123", ["SMS_MFA"], "SMS_MFA"),
                User("both", "+15555550124", ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]),
                User("phoned", "+15555550125"),
                User("plain"),
            ],
        };
        mock.Seed(new SeedDocument { UserPools = [pool] });
        return mock;
    }

    internal static async Task<WireResponse> SrpAsync(SignInFlows flows, string username, string? deviceKey = null)
    {
        var srp = new SrpClient();
        var challenge = await flows.InitiateSrpAsync(username, srp);
        var parameters = challenge.Json["ChallengeParameters"]!;
        var block = parameters["SECRET_BLOCK"]!.GetValue<string>();
        var stamp = SrpClient.Timestamp(DateTimeOffset.UtcNow);
        var key = srp.Key(PoolName, username, Password, parameters["SALT"]!.GetValue<string>(), parameters["SRP_B"]!.GetValue<string>());
        var proof = new Dictionary<string, string?>
        {
            ["USERNAME"] = username,
            ["PASSWORD_CLAIM_SECRET_BLOCK"] = block,
            ["TIMESTAMP"] = stamp,
            ["PASSWORD_CLAIM_SIGNATURE"] = SrpClient.Sign(key, PoolName, username, block, stamp),
        };
        if (deviceKey is not null)
        {
            proof["DEVICE_KEY"] = deviceKey;
        }

        var response = await flows.RespondAsync("PASSWORD_VERIFIER", proof);
        ((int)response.Status).Should().BeLessThan(500);
        return response;
    }

    internal static Task<WireResponse> Answer(SignInFlows flows, WireResponse challenge, string name, string username, string code) =>
        flows.RespondAsync(name, new()
        {
            ["USERNAME"] = username,
            [name == "SMS_MFA" ? "SMS_MFA_CODE" : "SOFTWARE_TOKEN_MFA_CODE"] = code,
        }, Session(challenge));

    internal static string Session(WireResponse response) => response.Json["Session"]!.GetValue<string>();

    internal static string Code(InProcessCognitoMock mock, string base32Secret) =>
        Totp.Code(Totp.FromBase32(base32Secret)!, Totp.StepAt(mock.Clock.GetUtcNow()));

    private static async Task<string> SignedInTokenAsync(Wire wire, string username)
    {
        var response = await wire.CallAsync("InitiateAuth", new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = Client,
            AuthParameters = new { USERNAME = username, PASSWORD = Password },
        }, signed: false);
        response.Status.Should().Be(HttpStatusCode.OK, response.Text);
        return SignInFlows.AccessToken(response);
    }
}
