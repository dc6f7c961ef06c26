using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>Issue 18: ForgotPassword, ConfirmForgotPassword, ChangePassword, AdminResetUserPassword.</summary>
public sealed class PasswordTests
{
    private const string NotAuthorized = "NotAuthorizedException";
    private const string TooShort = "Password did not conform with policy: Password not long enough";

    /// <summary>A confirmed user made by an administrator, with the attributes given (verified flags included), and a permanent password.</summary>
    private static async Task AdminUserAsync(SelfService app, string username, params (string Name, string Value)[] attributes)
    {
        await app.Wire.CreateUserAsync(app.Pool, username, attributes);
        (await app.Wire.CallAsync("AdminSetUserPassword", new { UserPoolId = app.Pool, Username = username, Password = SelfService.Password, Permanent = true })).ShouldBeOk();
    }

    private static JsonObject Recovery(params string[] names) => new()
    {
        ["AccountRecoverySetting"] = new JsonObject
        {
            ["RecoveryMechanisms"] = new JsonArray([.. names.Select((name, i) => (JsonNode)new JsonObject { ["Name"] = name, ["Priority"] = i + 1 })]),
        },
    };

    [Fact]
    public async Task ForgotPassword_SendsTheCode_ToTheFirstVerifiedChannel_OfTheRecoverySettingsPriority()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock, Recovery("verified_phone_number", "verified_email"));
        await AdminUserAsync(app, "both", ("email", "both@example.com"), ("email_verified", "true"), ("phone_number", "+15555550111"), ("phone_number_verified", "true"));
        await AdminUserAsync(app, "mailonly", ("email", "mail@example.com"), ("email_verified", "true"), ("phone_number", "+15555550122"));

        var both = await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "both" });
        var mailOnly = await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "mailonly" });

        both.ShouldBeOk();
        both.Json["CodeDeliveryDetails"]!["DeliveryMedium"]!.GetValue<string>().Should().Be("SMS");
        both.Json["CodeDeliveryDetails"]!["AttributeName"]!.GetValue<string>().Should().Be("phone_number");
        mailOnly.ShouldBeOk();
        mailOnly.Json["CodeDeliveryDetails"]!.ToJsonString().Should().Be("""{"Destination":"m***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}""");
        var sent = mock.Messages.For(app.Pool, "mailonly").Should().ContainSingle().Subject;
        (sent.TriggerSource, sent.Destination).Should().Be(("CustomMessage_ForgotPassword", "mail@example.com"));
    }

    [Fact]
    public async Task ForgotPassword_InAPoolWithoutARecoverySetting_PrefersAVerifiedPhone()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await AdminUserAsync(app, "both", ("email", "both@example.com"), ("email_verified", "true"), ("phone_number", "+15555550111"), ("phone_number_verified", "true"));

        var response = await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "both" });

        response.Json["CodeDeliveryDetails"]!["AttributeName"]!.GetValue<string>().Should().Be("phone_number");
    }

    [Fact]
    public async Task ForgotPassword_IsRefused_WhenOnlyAnAdministratorMayReset_OrTheUserHasNothingVerified_OrIsDisabled()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        var adminOnly = await SelfService.CreateAsync(mock, Recovery("admin_only"));
        await AdminUserAsync(app, "unverified", ("email", "u@example.com"));
        await AdminUserAsync(app, "disabled", ("email", "d@example.com"), ("email_verified", "true"));
        (await app.Wire.CallAsync("AdminDisableUser", new { UserPoolId = app.Pool, Username = "disabled" })).ShouldBeOk();
        await AdminUserAsync(adminOnly, "kept", ("email", "k@example.com"), ("email_verified", "true"));

        (await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "unverified" })).ShouldBeError(
            "InvalidParameterException", "Cannot reset password for the user as there is no registered/verified email or phone_number");
        (await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "disabled" })).ShouldBeError(NotAuthorized, "User is disabled.");
        (await adminOnly.CallAsync("ForgotPassword", new { adminOnly.ClientId, Username = "kept" })).ShouldBeError(NotAuthorized, "Contact administrator to reset password.");
        mock.Messages.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task ConfirmForgotPassword_ChecksThePolicyAndTheCode_ThenTheNewPasswordSignsIn_AndTheOldDoesNot()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        (await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "erin" })).ShouldBeOk();
        var code = app.CodeFor("erin");
        var wrong = code == "000000" ? "000001" : "000000";

        var weak = await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "erin", ConfirmationCode = code, Password = "short" });
        var mismatch = await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "erin", ConfirmationCode = wrong, Password = SelfService.NewPassword });
        var reset = await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "erin", ConfirmationCode = code, Password = SelfService.NewPassword });
        var usedAgain = await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "erin", ConfirmationCode = code, Password = "An0therPassw0rd!" });

        weak.ShouldBeError("InvalidPasswordException", TooShort);
        mismatch.ShouldBeError("CodeMismatchException", "Invalid verification code provided, please try again.");
        reset.ShouldBeOk();
        reset.Text.Should().Be("{}");
        usedAgain.ShouldBeError("CodeMismatchException", "Invalid verification code provided, please try again.");
        (await app.PasswordSignInAsync("erin")).ShouldBeError(NotAuthorized, "Incorrect username or password.");
        (await app.PasswordSignInAsync("erin", SelfService.NewPassword)).ShouldBeOk();
    }

    [Fact]
    public async Task AResetCode_LastsAnHour_ByTheMocksClock()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("early", "early@example.com");
        await app.ConfirmedUserAsync("late", "late@example.com");
        (await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "early" })).ShouldBeOk();
        (await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "late" })).ShouldBeOk();

        mock.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        var inTime = await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "early", ConfirmationCode = app.CodeFor("early"), Password = SelfService.NewPassword });
        mock.Clock.Advance(TimeSpan.FromSeconds(1));
        var tooLate = await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "late", ConfirmationCode = app.CodeFor("late"), Password = SelfService.NewPassword });

        inTime.ShouldBeOk();
        tooLate.ShouldBeError("ExpiredCodeException", "Invalid code provided, please request a code again.");
        (await app.PasswordSignInAsync("late")).ShouldBeOk();
    }

    [Fact]
    public async Task TokensIssuedBeforeAResetOrAChange_KeepWorking_AsAwsLeavesThem()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        var before = await app.SignedInAsync("erin");
        (await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "erin" })).ShouldBeOk();
        (await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "erin", ConfirmationCode = app.CodeFor("erin"), Password = SelfService.NewPassword })).ShouldBeOk();
        var accessToken = before["AccessToken"]!.GetValue<string>();
        (await app.CallAsync("ChangePassword", new { AccessToken = accessToken, PreviousPassword = SelfService.NewPassword, ProposedPassword = "Th1rdPassw0rd!" })).ShouldBeOk();

        (await app.CallAsync("GetUser", new { AccessToken = accessToken })).ShouldBeOk();
        (await app.CallAsync("InitiateAuth", new
        {
            app.ClientId,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new { REFRESH_TOKEN = before["RefreshToken"]!.GetValue<string>() },
        })).ShouldBeOk();
    }

    [Fact]
    public async Task ChangePassword_NeedsThePreviousPasswordAndThePolicy_ThenOnlyTheNewOneSignsIn()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        var token = await app.AccessTokenAsync("erin");

        var wrongPrevious = await app.CallAsync("ChangePassword", new { AccessToken = token, PreviousPassword = "Wr0ngPassw0rd!", ProposedPassword = SelfService.NewPassword });
        var weak = await app.CallAsync("ChangePassword", new { AccessToken = token, PreviousPassword = SelfService.Password, ProposedPassword = "short" });
        var changed = await app.CallAsync("ChangePassword", new { AccessToken = token, PreviousPassword = SelfService.Password, ProposedPassword = SelfService.NewPassword });

        wrongPrevious.ShouldBeError(NotAuthorized, "Incorrect username or password.");
        weak.ShouldBeError("InvalidPasswordException", TooShort);
        changed.ShouldBeOk();
        changed.Text.Should().Be("{}");
        (await app.PasswordSignInAsync("erin")).ShouldBeError(NotAuthorized, "Incorrect username or password.");
        (await app.PasswordSignInAsync("erin", SelfService.NewPassword)).ShouldBeOk();
        (await app.CallAsync("ChangePassword", new { AccessToken = "not-a-token", PreviousPassword = SelfService.NewPassword, ProposedPassword = "Th1rdPassw0rd!" }))
            .ShouldBeError(NotAuthorized, "Invalid Access Token");
    }

    [Fact]
    public async Task AdminResetUserPassword_MakesTheUserResetItsPassword_WithACodeToItsVerifiedChannel()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");

        var reset = await app.Wire.CallAsync("AdminResetUserPassword", new { UserPoolId = app.Pool, Username = "erin" });
        var status = (await app.UserAsync("erin"))["UserStatus"]!.GetValue<string>();
        var signIn = await app.PasswordSignInAsync("erin");
        var sent = mock.Messages.For(app.Pool, "erin")[^1];
        var confirmed = await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "erin", ConfirmationCode = sent.Code, Password = SelfService.NewPassword });

        reset.ShouldBeOk();
        status.Should().Be("RESET_REQUIRED");
        signIn.ShouldBeError("PasswordResetRequiredException", "Password reset required for the user");
        (sent.TriggerSource, sent.Destination).Should().Be(("CustomMessage_ForgotPassword", "erin@example.com"));
        confirmed.ShouldBeOk();
        (await app.UserAsync("erin"))["UserStatus"]!.GetValue<string>().Should().Be("CONFIRMED");
        (await app.PasswordSignInAsync("erin", SelfService.NewPassword)).ShouldBeOk();
    }

    [Fact]
    public async Task AdminResetUserPassword_OfAUserWithNothingVerified_OnlyChangesItsStatus_AndOfADisabledUser_IsRefused()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await AdminUserAsync(app, "quiet", ("email", "quiet@example.com"));
        await AdminUserAsync(app, "off");
        (await app.Wire.CallAsync("AdminDisableUser", new { UserPoolId = app.Pool, Username = "off" })).ShouldBeOk();

        (await app.Wire.CallAsync("AdminResetUserPassword", new { UserPoolId = app.Pool, Username = "quiet" })).ShouldBeOk();
        var disabled = await app.Wire.CallAsync("AdminResetUserPassword", new { UserPoolId = app.Pool, Username = "off" });

        (await app.UserAsync("quiet"))["UserStatus"]!.GetValue<string>().Should().Be("RESET_REQUIRED");
        mock.Messages.Messages.Should().BeEmpty();
        // AWS's words (seen: amazon-cognito-identity-js issue 373).
        disabled.ShouldBeError(NotAuthorized, "User is disabled.");
        (await app.UserAsync("off"))["UserStatus"]!.GetValue<string>().Should().Be("CONFIRMED");
    }

    [Fact]
    public async Task AnUnknownUser_IsUserNotFound_OrWithPreventUserExistenceErrors_LooksLikeAKnownOne()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        var (hiding, _) = await app.Wire.CreateClientAsync(app.Pool, new JsonObject { ["PreventUserExistenceErrors"] = "ENABLED" });

        var forgotOpen = await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "ghost" });
        var confirmOpen = await app.CallAsync("ConfirmForgotPassword", new { app.ClientId, Username = "ghost", ConfirmationCode = "123456", Password = SelfService.NewPassword });
        var forgotHidden = await app.CallAsync("ForgotPassword", new { ClientId = hiding, Username = "ghost" });
        var confirmHidden = await app.CallAsync("ConfirmForgotPassword", new { ClientId = hiding, Username = "ghost", ConfirmationCode = "123456", Password = SelfService.NewPassword });

        forgotOpen.ShouldBeError("UserNotFoundException", "Username/client id combination not found.");
        confirmOpen.ShouldBeError("UserNotFoundException", "Username/client id combination not found.");
        forgotHidden.ShouldBeOk();
        forgotHidden.Json["CodeDeliveryDetails"]!["DeliveryMedium"]!.GetValue<string>().Should().Be("EMAIL");
        confirmHidden.ShouldBeError("CodeMismatchException", "Invalid verification code provided, please try again.");
    }
}
