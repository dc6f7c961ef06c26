using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>Issue 18: the limits on wrong passwords, wrong codes and requests for codes, judged by the mock's clock.</summary>
public sealed class AttemptLimitTests
{
    private const string Incorrect = "Incorrect username or password.";
    private const string Locked = "Password attempts exceeded";
    private const string Limit = "Attempt limit exceeded, please try after some time.";
    private const string Wrong = "Wr0ngPassw0rd!";

    [Fact]
    public async Task FromTheFifthWrongPassword_SignInsAreLockedOut_ForASecondThatDoubles_AndASuccessClearsIt()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");

        for (var i = 0; i < 5; i++)
        {
            (await app.PasswordSignInAsync("erin", Wrong)).ShouldBeError("NotAuthorizedException", Incorrect);
        }

        var duringFirstLockout = await app.PasswordSignInAsync("erin");
        mock.Clock.Advance(TimeSpan.FromSeconds(1));
        var sixthWrong = await app.PasswordSignInAsync("erin", Wrong);
        mock.Clock.Advance(TimeSpan.FromSeconds(1));
        var duringSecondLockout = await app.PasswordSignInAsync("erin");
        mock.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterIt = await app.PasswordSignInAsync("erin");
        var wrongAfterSuccess = await app.PasswordSignInAsync("erin", Wrong);

        duringFirstLockout.ShouldBeError("NotAuthorizedException", Locked);
        sixthWrong.ShouldBeError("NotAuthorizedException", Incorrect);
        duringSecondLockout.ShouldBeError("NotAuthorizedException", Locked);
        afterIt.ShouldBeOk();
        wrongAfterSuccess.ShouldBeError("NotAuthorizedException", Incorrect);
        (await app.PasswordSignInAsync("erin")).ShouldBeOk();
    }

    [Fact]
    public async Task AWrongPreviousPasswordInChangePassword_CountsToo()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        var token = await app.AccessTokenAsync("erin");

        for (var i = 0; i < 5; i++)
        {
            (await app.CallAsync("ChangePassword", new { AccessToken = token, PreviousPassword = Wrong, ProposedPassword = SelfService.NewPassword }))
                .ShouldBeError("NotAuthorizedException", Incorrect);
        }

        (await app.CallAsync("ChangePassword", new { AccessToken = token, PreviousPassword = SelfService.Password, ProposedPassword = SelfService.NewPassword }))
            .ShouldBeError("LimitExceededException", Limit);
        (await app.PasswordSignInAsync("erin")).ShouldBeError("NotAuthorizedException", Locked);
    }

    [Fact]
    public async Task AfterFiveWrongCodes_EvenTheRightCodeIsRefused_ForFifteenMinutes()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        (await app.SignUpAsync("erin", ("email", "erin@example.com"))).ShouldBeOk();
        var code = app.CodeFor("erin");
        var wrong = code == "000000" ? "000001" : "000000";

        for (var i = 0; i < 5; i++)
        {
            (await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = wrong }))
                .ShouldBeError("CodeMismatchException", "Invalid verification code provided, please try again.");
        }

        var locked = await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = code });
        mock.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var stillLocked = await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = code });
        mock.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterIt = await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = code });

        locked.ShouldBeError("LimitExceededException", Limit);
        stillLocked.ShouldBeError("LimitExceededException", Limit);
        afterIt.ShouldBeOk();
    }

    [Fact]
    public async Task FiveCodesAnHour_AreAllAUserMayAskFor()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");

        for (var i = 0; i < 5; i++)
        {
            (await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "erin" })).ShouldBeOk();
            mock.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var sixth = await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "erin" });
        var sent = mock.Messages.For(app.Pool, "erin").Count;
        mock.Clock.Advance(TimeSpan.FromMinutes(56));
        var anHourAfterTheFirst = await app.CallAsync("ForgotPassword", new { app.ClientId, Username = "erin" });

        sixth.ShouldBeError("LimitExceededException", Limit);
        sent.Should().Be(6, "the sign-up code and five reset codes; the refused request sent none");
        anHourAfterTheFirst.ShouldBeOk();
    }
}
