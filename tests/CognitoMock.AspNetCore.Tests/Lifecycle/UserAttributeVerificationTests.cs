using System.Text.Json.Nodes;
using CognitoMock.Domain;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>Issue 18: a signed-in user's own attributes, and the codes that verify an email or phone number.</summary>
public sealed class UserAttributeVerificationTests
{
    private const string Unauthorized = "A client attempted to write unauthorized attribute";

    private static async Task<(SelfService App, string Token)> SignedInAsync(InProcessCognitoMock mock, JsonObject? pool = null, JsonObject? client = null)
    {
        var app = await SelfService.CreateAsync(mock, pool, client);
        await app.ConfirmedUserAsync("erin", "erin@example.com");
        return (app, await app.AccessTokenAsync("erin"));
    }

    private static object[] Attribute(string name, string value) => [new { Name = name, Value = value }];

    [Fact]
    public async Task UpdateUserAttributes_OfANewEmail_SendsItACode_AndTheNewEmailAppliesUnverified_UntilVerifyUserAttribute()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, token) = await SignedInAsync(mock);

        var updated = await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = Attribute("email", "new@example.com") });
        var pending = await app.AttributesAsync("erin");
        var sent = mock.Messages.For(app.Pool, "erin")[^1];
        var verified = await app.CallAsync("VerifyUserAttribute", new { AccessToken = token, AttributeName = "email", Code = sent.Code });

        updated.ShouldBeOk();
        updated.Json["CodeDeliveryDetailsList"]!.ToJsonString().Should().Be("""[{"Destination":"n***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}]""");
        (sent.TriggerSource, sent.Destination).Should().Be(("CustomMessage_UpdateUserAttribute", "new@example.com"));
        (pending["email"], pending["email_verified"]).Should().Be(("new@example.com", "false"));
        verified.ShouldBeOk();
        (await app.AttributesAsync("erin"))["email_verified"].Should().Be("true");
    }

    [Fact]
    public async Task WithAttributesRequireVerificationBeforeUpdate_TheOldEmailStaysInForce_UntilTheNewOneIsVerified()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, token) = await SignedInAsync(mock, new JsonObject
        {
            ["AliasAttributes"] = new JsonArray("email"),
            ["UserAttributeUpdateSettings"] = new JsonObject { ["AttributesRequireVerificationBeforeUpdate"] = new JsonArray("email") },
        });

        (await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = Attribute("email", "new@example.com") })).ShouldBeOk();
        var meanwhile = await app.AttributesAsync("erin");
        var oldAliasMeanwhile = await app.Wire.CallAsync("AdminGetUser", new { UserPoolId = app.Pool, Username = "erin@example.com" });
        (await app.CallAsync("VerifyUserAttribute", new { AccessToken = token, AttributeName = "email", Code = app.CodeFor("erin") })).ShouldBeOk();
        var after = await app.AttributesAsync("erin");

        (meanwhile["email"], meanwhile["email_verified"]).Should().Be(("erin@example.com", "true"));
        oldAliasMeanwhile.ShouldBeOk();
        (after["email"], after["email_verified"]).Should().Be(("new@example.com", "true"));
        (await app.UserAsync("new@example.com"))["Username"]!.GetValue<string>().Should().Be("erin");
        (await app.Wire.CallAsync("AdminGetUser", new { UserPoolId = app.Pool, Username = "erin@example.com" })).ShouldBeError("UserNotFoundException", "User does not exist.");
    }

    [Fact]
    public async Task UpdateUserAttributes_WritesOnlyTheClientsWriteAttributes_AndNeverAVerifiedFlag()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, token) = await SignedInAsync(mock, client: new JsonObject { ["WriteAttributes"] = new JsonArray("email", "given_name") });

        var flag = await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = Attribute("email_verified", "true") });
        var outside = await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = Attribute("family_name", "Smith") });
        var deleteOutside = await app.CallAsync("DeleteUserAttributes", new { AccessToken = token, UserAttributeNames = new[] { "family_name" } });
        var inside = await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = Attribute("given_name", "Erin") });

        flag.ShouldBeError("NotAuthorizedException", Unauthorized);
        outside.ShouldBeError("NotAuthorizedException", Unauthorized);
        deleteOutside.ShouldBeError("NotAuthorizedException", Unauthorized);
        inside.ShouldBeOk();
        inside.Text.Should().Be("{}");
        (await app.AttributesAsync("erin"))["given_name"].Should().Be("Erin");
    }

    [Fact]
    public async Task DeleteUserAttributes_RemovesThem_AndAnEmailTakesItsVerifiedFlagWithIt()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, token) = await SignedInAsync(mock);
        (await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = Attribute("given_name", "Erin") })).ShouldBeOk();

        var deleted = await app.CallAsync("DeleteUserAttributes", new { AccessToken = token, UserAttributeNames = new[] { "given_name", "email" } });

        deleted.ShouldBeOk();
        (await app.AttributesAsync("erin")).Keys.Should().BeEquivalentTo(["sub"]);
    }

    [Fact]
    public async Task GetUserAttributeVerificationCode_SendsACode_AndVerifyUserAttributeChecksIt()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, token) = await SignedInAsync(mock, new JsonObject { ["AutoVerifiedAttributes"] = new JsonArray("email") });
        (await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = Attribute("phone_number", "+15555550123") })).ShouldBeOk();

        var asked = await app.CallAsync("GetUserAttributeVerificationCode", new { AccessToken = token, AttributeName = "phone_number" });
        var sent = mock.Messages.For(app.Pool, "erin")[^1];
        var wrong = await app.CallAsync("VerifyUserAttribute", new { AccessToken = token, AttributeName = "phone_number", Code = sent.Code == "000000" ? "000001" : "000000" });
        var right = await app.CallAsync("VerifyUserAttribute", new { AccessToken = token, AttributeName = "phone_number", Code = sent.Code });

        asked.ShouldBeOk();
        asked.Json["CodeDeliveryDetails"]!["AttributeName"]!.GetValue<string>().Should().Be("phone_number");
        (sent.TriggerSource, sent.DeliveryMedium, sent.Destination).Should().Be(("CustomMessage_VerifyUserAttribute", "SMS", "+15555550123"));
        wrong.ShouldBeError("CodeMismatchException", "Invalid verification code provided, please try again.");
        right.ShouldBeOk();
        (await app.AttributesAsync("erin"))["phone_number_verified"].Should().Be("true");
        (await app.CallAsync("GetUserAttributeVerificationCode", new { AccessToken = token, AttributeName = "given_name" }))
            .ShouldBeError("InvalidParameterException", "given_name cannot be verified: only email and phone_number can.");
    }

    [Fact]
    public async Task DeleteUser_TakesThePendingCodesWithTheUser()
    {
        using var mock = InProcessCognitoMock.Start();
        var (app, token) = await SignedInAsync(mock);
        (await app.CallAsync("UpdateUserAttributes", new { AccessToken = token, UserAttributes = Attribute("email", "new@example.com") })).ShouldBeOk();
        var erin = mock.Backend.Store.FindUserBySub(app.Pool, (await app.AttributesAsync("erin"))["sub"])!;
        mock.Backend.Store.GetCode(erin.Id, CodePurposes.Verify("email")).Should().NotBeNull();

        (await app.CallAsync("DeleteUser", new { AccessToken = token })).ShouldBeOk();

        mock.Backend.Store.GetCode(erin.Id, CodePurposes.Verify("email")).Should().BeNull();
        mock.Backend.Store.CheckInvariants().Problems.Should().BeEmpty();
        (await app.CallAsync("VerifyUserAttribute", new { AccessToken = token, AttributeName = "email", Code = "123456" }))
            .ShouldBeError("UserNotFoundException", "User does not exist.");
    }
}
