using System.Net;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>Issue 18: SignUp's code, ConfirmSignUp, ResendConfirmationCode, and the confirmation link.</summary>
public sealed class SignUpConfirmationTests
{
    private const string WrongCode = "Invalid verification code provided, please try again.";

    [Fact]
    public async Task SignUp_InAPoolThatVerifiesEmail_SendsACode_AndSaysWhereItWent_MaskedAsAwsMasksIt()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);

        var response = await app.SignUpAsync("tess", ("email", "test@test.com"));

        response.ShouldBeOk();
        response.Json["UserConfirmed"]!.GetValue<bool>().Should().BeFalse();
        Guid.TryParse(response.Json["UserSub"]!.GetValue<string>(), out _).Should().BeTrue();
        response.Json["Session"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        // AWS's mask for test@test.com, recorded against AWS in moto's tests.
        response.Json["CodeDeliveryDetails"]!.ToJsonString().Should().Be("""{"Destination":"t***@t***","DeliveryMedium":"EMAIL","AttributeName":"email"}""");
        var sent = mock.Messages.For(app.Pool, "tess").Should().ContainSingle().Subject;
        sent.DeliveryMedium.Should().Be("EMAIL");
        sent.Destination.Should().Be("test@test.com");
        sent.TriggerSource.Should().Be("CustomMessage_SignUp");
        sent.Code.Should().MatchRegex("^[0-9]{6}$");
        sent.Subject.Should().Be("Your verification code");
        sent.Message.Should().Be($"Your verification code is {sent.Code}. ");
        sent.SentAt.Should().Be(mock.Clock.GetUtcNow());
    }

    [Fact]
    public async Task SignUp_WithAPhoneNumberThePoolVerifies_SendsAnSms_MaskedToItsLastFourDigits()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock, new JsonObject { ["AutoVerifiedAttributes"] = new JsonArray("email", "phone_number") });

        var response = await app.SignUpAsync("pat", ("email", "pat@example.com"), ("phone_number", "+15555554567"));

        response.ShouldBeOk();
        // The wire carries the + as it is, not escaped.
        response.Text.Should().Contain("""
            "CodeDeliveryDetails":{"Destination":"+*******4567","DeliveryMedium":"SMS","AttributeName":"phone_number"}
            """);
        mock.Messages.For(app.Pool, "pat").Should().ContainSingle().Which.Destination.Should().Be("+15555554567");
    }

    [Fact]
    public async Task SignUp_InAPoolThatVerifiesNothing_SendsNoCode()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock, new JsonObject { ["AutoVerifiedAttributes"] = new JsonArray() });

        var response = await app.SignUpAsync("quiet", ("email", "quiet@example.com"));

        response.ShouldBeOk();
        response.Json.ContainsKey("CodeDeliveryDetails").Should().BeFalse();
        mock.Messages.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task ConfirmSignUp_WithTheEmailedCode_ConfirmsTheUser_VerifiesTheEmail_AndTheUserSignsIn()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        (await app.SignUpAsync("erin", ("email", "erin@example.com"))).ShouldBeOk();
        (await app.PasswordSignInAsync("erin")).ShouldBeError("UserNotConfirmedException", "User is not confirmed.");

        var confirmed = await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = app.CodeFor("erin") });

        confirmed.ShouldBeOk();
        confirmed.Json["Session"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var user = await app.UserAsync("erin");
        user["UserStatus"]!.GetValue<string>().Should().Be("CONFIRMED");
        Setup.Attributes(user["UserAttributes"])["email_verified"].Should().Be("true");
        (await app.SignedInAsync("erin"))["AccessToken"].Should().NotBeNull();
    }

    [Fact]
    public async Task ConfirmSignUp_WithAnSmsCode_VerifiesThePhoneNumber_NotTheEmail()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock, new JsonObject { ["AutoVerifiedAttributes"] = new JsonArray("email", "phone_number") });
        (await app.SignUpAsync("pat", ("email", "pat@example.com"), ("phone_number", "+15555554567"))).ShouldBeOk();

        (await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "pat", ConfirmationCode = app.CodeFor("pat") })).ShouldBeOk();

        var attributes = await app.AttributesAsync("pat");
        attributes["phone_number_verified"].Should().Be("true");
        attributes.Should().NotContainKey("email_verified");
    }

    [Fact]
    public async Task ConfirmSignUp_WithAWrongCode_IsCodeMismatch_AndTheUserStaysUnconfirmed()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        (await app.SignUpAsync("erin", ("email", "erin@example.com"))).ShouldBeOk();
        var wrong = app.CodeFor("erin") == "000000" ? "000001" : "000000";

        (await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = wrong })).ShouldBeError("CodeMismatchException", WrongCode);

        (await app.UserAsync("erin"))["UserStatus"]!.GetValue<string>().Should().Be("UNCONFIRMED");
    }

    [Fact]
    public async Task ASignUpCode_LastsTwentyFourHours_ByTheMocksClock()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        (await app.SignUpAsync("early", ("email", "early@example.com"))).ShouldBeOk();
        (await app.SignUpAsync("late", ("email", "late@example.com"))).ShouldBeOk();

        mock.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var inTime = await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "early", ConfirmationCode = app.CodeFor("early") });
        mock.Clock.Advance(TimeSpan.FromSeconds(1));
        var tooLate = await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "late", ConfirmationCode = app.CodeFor("late") });

        inTime.ShouldBeOk();
        // AWS's words (seen: the response quoted in aws-sdk-ios-samples issue 144).
        tooLate.ShouldBeError("ExpiredCodeException", "Invalid code provided, please request a code again.");
        (await app.UserAsync("late"))["UserStatus"]!.GetValue<string>().Should().Be("UNCONFIRMED");
    }

    [Fact]
    public async Task ConfirmSignUp_OfAConfirmedUser_IsNotAuthorized()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");

        (await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = app.CodeFor("erin") }))
            .ShouldBeError("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED");
    }

    [Fact]
    public async Task ResendConfirmationCode_SendsANewCodeInPlaceOfTheLast_AndRefusesAConfirmedUser()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        (await app.SignUpAsync("erin", ("email", "erin@example.com"))).ShouldBeOk();
        var first = app.CodeFor("erin");
        var resent = await app.CallAsync("ResendConfirmationCode", new { app.ClientId, Username = "erin" });
        var second = mock.Messages.For(app.Pool, "erin")[^1];

        resent.ShouldBeOk();
        resent.Json["CodeDeliveryDetails"]!.ToJsonString().Should().Be("""{"Destination":"e***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}""");
        second.TriggerSource.Should().Be("CustomMessage_ResendCode");
        if (first != second.Code)
        {
            (await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = first })).ShouldBeError("CodeMismatchException", WrongCode);
        }

        (await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "erin", ConfirmationCode = second.Code })).ShouldBeOk();
        // AWS's words (seen: amazon-cognito-identity-js issue 525).
        (await app.CallAsync("ResendConfirmationCode", new { app.ClientId, Username = "erin" })).ShouldBeError("InvalidParameterException", "User is already confirmed.");
    }

    [Fact]
    public async Task ConfirmSignUp_WithAnEmailAnotherUserHoldsAsAVerifiedAlias_IsAliasExists_UnlessItForcesTheAlias()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock, new JsonObject { ["AliasAttributes"] = new JsonArray("email") });
        await app.ConfirmedUserAsync("first", "shared@example.com");
        (await app.SignUpAsync("second", ("email", "shared@example.com"))).ShouldBeOk();
        var code = app.CodeFor("second");

        var refused = await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "second", ConfirmationCode = code });
        var stillUnconfirmed = (await app.UserAsync("second"))["UserStatus"]!.GetValue<string>();
        var forced = await app.CallAsync("ConfirmSignUp", new { app.ClientId, Username = "second", ConfirmationCode = code, ForceAliasCreation = true });

        refused.ShouldBeError("AliasExistsException", "An account with the given email already exists.");
        stillUnconfirmed.Should().Be("UNCONFIRMED");
        forced.ShouldBeOk();
        (await app.UserAsync("shared@example.com"))["Username"]!.GetValue<string>().Should().Be("second");
        (await app.AttributesAsync("first"))["email_verified"].Should().Be("false");
    }

    [Fact]
    public async Task AnUnknownUser_IsUserNotFound_OrWithPreventUserExistenceErrors_LooksLikeAKnownOne()
    {
        using var mock = InProcessCognitoMock.Start();
        var open = await SelfService.CreateAsync(mock);
        var (hiding, _) = await open.Wire.CreateClientAsync(open.Pool, new JsonObject { ["PreventUserExistenceErrors"] = "ENABLED" });

        var confirmOpen = await open.CallAsync("ConfirmSignUp", new { open.ClientId, Username = "ghost", ConfirmationCode = "123456" });
        var resendOpen = await open.CallAsync("ResendConfirmationCode", new { open.ClientId, Username = "ghost" });
        var confirmHidden = await open.CallAsync("ConfirmSignUp", new { ClientId = hiding, Username = "ghost", ConfirmationCode = "123456" });
        var resendHidden = await open.CallAsync("ResendConfirmationCode", new { ClientId = hiding, Username = "ghost@example.org" });

        confirmOpen.ShouldBeError("UserNotFoundException", "Username/client id combination not found.");
        resendOpen.ShouldBeError("UserNotFoundException", "Username/client id combination not found.");
        confirmHidden.ShouldBeError("CodeMismatchException", WrongCode);
        resendHidden.ShouldBeOk();
        resendHidden.Json["CodeDeliveryDetails"]!.ToJsonString().Should().Be("""{"Destination":"g***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}""");
        mock.Messages.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task APendingCode_IsKeptInTheDataFile_SoARestartBetweenSignUpAndConfirmationStillConfirms()
    {
        var folder = Directory.CreateTempSubdirectory("cognitomock-restart-");
        try
        {
            var path = Path.Combine(folder.FullName, "state.db");
            string pool, clientId, code;
            using (var before = InProcessCognitoMock.Start(s => s.DataPath = path))
            {
                var app = await SelfService.CreateAsync(before);
                (await app.SignUpAsync("erin", ("email", "erin@example.com"))).ShouldBeOk();
                (pool, clientId, code) = (app.Pool, app.ClientId, app.CodeFor("erin"));
            }

            using var after = InProcessCognitoMock.Start(s => s.DataPath = path);
            var wire = new Wire(after);
            after.Messages.Messages.Should().BeEmpty("the outbox is memory; the code is state");

            (await wire.CallAsync("ConfirmSignUp", new { ClientId = clientId, Username = "erin", ConfirmationCode = code }, signed: false)).ShouldBeOk();
            (await wire.GetUserAsync(pool, "erin"))["UserStatus"]!.GetValue<string>().Should().Be("CONFIRMED");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task APoolThatVerifiesByLink_EmailsALinkThatConfirmsOnce_WithoutTheClientSecret()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(
            mock,
            new JsonObject { ["VerificationMessageTemplate"] = new JsonObject { ["DefaultEmailOption"] = "CONFIRM_WITH_LINK" } },
            new JsonObject { ["GenerateSecret"] = true });
        var signUp = await app.CallAsync("SignUp", new
        {
            app.ClientId,
            Username = "linda",
            Password = SelfService.Password,
            SecretHash = SecretHashOf(app, "linda"),
            UserAttributes = new[] { new { Name = "email", Value = "linda@example.com" } },
        });
        signUp.ShouldBeOk();
        var sent = mock.Messages.For(app.Pool, "linda").Should().ContainSingle().Subject;
        var link = sent.Message.Split(' ').Single(word => word.StartsWith("http", StringComparison.Ordinal));
        using var http = mock.CreateClient();

        var first = await http.GetAsync(new Uri(link));
        var again = await http.GetAsync(new Uri(link));

        sent.Subject.Should().Be("Your verification link");
        sent.Message.Should().Be($"Please click the link below to verify your email address. {link} ");
        link.Should().Be($"{mock.BaseUrl.ToString().TrimEnd('/')}/confirmUser?client_id={app.ClientId}&user_name=linda&confirmation_code={sent.Code}");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Should().Contain("Your registration has been confirmed.");
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).Should().Contain("User cannot be confirmed. Current status is CONFIRMED");
        Setup.Attributes((await app.UserAsync("linda"))["UserAttributes"])["email_verified"].Should().Be("true");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?client_id=x&user_name=y")]
    [InlineData("?client_id=x&client_id=x&user_name=y&confirmation_code=1")]
    public async Task TheConfirmationLink_WithoutItsThreeParameters_Is400(string query)
    {
        using var mock = InProcessCognitoMock.Start();

        var response = await mock.CreateClient().GetAsync("/confirmUser" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("The link needs client_id, user_name and confirmation_code, each once.");
    }

    [Fact]
    public async Task APoolsOwnTemplates_AreWhatTheMessagesSay()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock, new JsonObject
        {
            ["AutoVerifiedAttributes"] = new JsonArray("email", "phone_number"),
            ["VerificationMessageTemplate"] = new JsonObject
            {
                ["EmailSubject"] = "Welcome aboard",
                ["EmailMessage"] = "Hello! Your code: {####}",
                ["SmsMessage"] = "Code {####} for the app",
            },
        });

        (await app.SignUpAsync("mail", ("email", "mail@example.com"))).ShouldBeOk();
        (await app.SignUpAsync("phone", ("email", "phone@example.com"), ("phone_number", "+15555550100"))).ShouldBeOk();

        var email = mock.Messages.For(app.Pool, "mail").Single();
        var sms = mock.Messages.For(app.Pool, "phone").Single();
        (email.Subject, email.Message).Should().Be(("Welcome aboard", $"Hello! Your code: {email.Code}"));
        (sms.DeliveryMedium, sms.Subject, sms.Message).Should().Be(("SMS", null, $"Code {sms.Code} for the app"));
    }

    [Fact]
    public async Task NextAsync_IsTheMessageTheNextActionSends()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        var next = mock.Messages.NextAsync(app.Pool, "erin");
        next.IsCompleted.Should().BeFalse();

        (await app.SignUpAsync("erin", ("email", "erin@example.com"))).ShouldBeOk();

        var message = await next.WaitAsync(TimeSpan.FromSeconds(5));
        message.Should().Be(mock.Messages.For(app.Pool, "erin").Single());
    }

    internal static string SecretHashOf(SelfService app, string username)
    {
        var secret = app.Mock.Backend.Store.GetClient(app.ClientId)!.ClientSecret!;
        return Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(username + app.ClientId)));
    }
}
