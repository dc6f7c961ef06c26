using System.Text.Json.Nodes;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>Issue 18: SetUserSettings and AdminSetUserSettings, the legacy MFAOptions, one switch with SetUserMFAPreference's SMS.</summary>
public sealed class UserSettingsTests
{
    private static readonly object[] SmsOption = [new { DeliveryMedium = "SMS", AttributeName = "phone_number" }];

    private static async Task<(SelfService App, string Token)> SignedInWithPhoneAsync(InProcessCognitoMock mock)
    {
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        var token = await app.AccessTokenAsync("erin");
        (await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = new[] { new { Name = "phone_number", Value = "+15555550123" } } })).ShouldBeOk();
        return (app, token);
    }

    /// <summary>The MFA members of GetUser and AdminGetUser, which must agree.</summary>
    private static async Task<string> MfaViewAsync(SelfService app, string token)
    {
        var own = (await app.CallAsync("GetUser", new { AccessToken = token })).Json;
        var admin = await app.UserAsync("erin");
        string View(JsonObject user) => string.Join(" | ", new[] { "MFAOptions", "UserMFASettingList", "PreferredMfaSetting" }.Select(m => user[m]?.ToJsonString() ?? "-"));
        View(admin).Should().Be(View(own));
        return View(own);
    }

    [Fact]
    public async Task SetUserSettings_WithAnSmsOption_TurnsOnAndPrefersSmsMfa_AndAnEmptyListTurnsItOff()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, token) = await SignedInWithPhoneAsync(mock);

        var on = await app.CallAsync("SetUserSettings", new { AccessToken = token, MFAOptions = SmsOption });
        var whileOn = await MfaViewAsync(app, token);
        var off = await app.CallAsync("SetUserSettings", new { AccessToken = token, MFAOptions = Array.Empty<object>() });

        on.ShouldBeOk();
        on.Text.Should().Be("{}");
        whileOn.Should().Be("""[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}] | ["SMS_MFA"] | "SMS_MFA" """.TrimEnd());
        off.ShouldBeOk();
        (await MfaViewAsync(app, token)).Should().Be("- | - | -");
    }

    [Fact]
    public async Task AdminSetUserSettings_AndSetUserMFAPreference_AreTheSameSwitch()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, token) = await SignedInWithPhoneAsync(mock);

        (await app.Wire.CallAsync("AdminSetUserSettings", new { UserPoolId = app.Pool, Username = "erin", MFAOptions = SmsOption })).ShouldBeOk();
        var byAdmin = await MfaViewAsync(app, token);
        (await app.CallAsync("SetUserMFAPreference", new { AccessToken = token, SMSMfaSettings = new { Enabled = false } })).ShouldBeOk();
        var afterPreference = await MfaViewAsync(app, token);

        byAdmin.Should().Contain("SMS_MFA").And.StartWith("""[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}]""");
        afterPreference.Should().Be("- | - | -");
    }

    [Fact]
    public async Task AnEmailOption_OrAUserWithoutAPhoneNumber_IsRefused()
    {
        using var mock = InProcessCognitoMock.Start();
        var app = await SelfService.CreateAsync(mock);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        var token = await app.AccessTokenAsync("erin");

        (await app.CallAsync("SetUserSettings", new { AccessToken = token, MFAOptions = new[] { new { DeliveryMedium = "EMAIL", AttributeName = "email" } } }))
            .ShouldBeError("InvalidParameterException", "MFAOptions can only set SMS as the delivery medium, not EMAIL.");
        (await app.Wire.CallAsync("AdminSetUserSettings", new { UserPoolId = app.Pool, Username = "erin", MFAOptions = SmsOption }))
            .ShouldBeError("InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA");
        (await MfaViewAsync(app, token)).Should().Be("- | - | -");
    }
}
