using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using static CognitoMock.AspNetCore.Tests.SignIn.MfaTests;

namespace CognitoMock.AspNetCore.Tests.SignIn;

/// <summary>
/// docs/behaviour.md §9 and issue 6: in a pool with MFA and ChallengeRequiredOnNewDevice, a remembered device's proof
/// replaces the second factor; a new, not-remembered or forgotten device gets the MFA challenge again.
/// </summary>
public sealed class MfaDeviceBypassTests
{
    [Fact]
    public async Task TheRememberMeStory_MfaOnce_ThenTheDeviceStandsInForIt_UntilItIsNotRemembered()
    {
        using var mock = Start("ON", configure: s => s.TrustForwardedFor = true);
        var flows = new SignInFlows(mock, Client);
        flows.Wire.ForwardedFor = "203.0.113.1";

        // 1. A new device: the MFA challenge, then NewDeviceMetadata, confirmed (remembered at once).
        var first = await SrpAsync(flows, "tia");
        first.Json["ChallengeName"]!.GetValue<string>().Should().Be("SOFTWARE_TOKEN_MFA");
        var signedIn = await Answer(flows, first, "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret));
        var (key, group, secret, confirmation) = await flows.ConfirmNewDeviceAsync(signedIn);
        confirmation.Json["UserConfirmationNecessary"]!.GetValue<bool>().Should().BeFalse();
        var afterFirst = await DeviceAsync(flows.Wire, key);

        // 2. The remembered device: DEVICE_SRP_AUTH instead of MFA, and the proof signs in.
        mock.Clock.Advance(TimeSpan.FromHours(1));
        flows.Wire.ForwardedFor = "203.0.113.2";
        var second = await SrpAsync(flows, "tia", key);
        second.Json["ChallengeName"]!.GetValue<string>().Should().Be("DEVICE_SRP_AUTH");
        var proven = await flows.ProveDeviceAsync(second, "tia", key, group, secret);
        proven.ShouldBeOk();
        proven.Json["AuthenticationResult"]!.AsObject().ContainsKey("NewDeviceMetadata").Should().BeFalse();
        var afterSecond = await DeviceAsync(flows.Wire, key);
        afterSecond["DeviceLastAuthenticatedDate"]!.GetValue<double>().Should().Be(afterFirst["DeviceLastAuthenticatedDate"]!.GetValue<double>() + 3600);
        Attribute(afterSecond, "last_ip_used").Should().Be("203.0.113.2");

        // 3. Not remembered any more: the MFA challenge is back, and the device is proven after it.
        (await flows.Wire.CallAsync("AdminUpdateDeviceStatus", new { UserPoolId = Pool, Username = "tia", DeviceKey = key, DeviceRememberedStatus = "not_remembered" })).ShouldBeOk();
        mock.Clock.Advance(TimeSpan.FromHours(1));
        var third = await SrpAsync(flows, "tia", key);
        third.Json["ChallengeName"]!.GetValue<string>().Should().Be("SOFTWARE_TOKEN_MFA");
        var afterMfa = await Answer(flows, third, "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret));
        afterMfa.Json["ChallengeName"]!.GetValue<string>().Should().Be("DEVICE_SRP_AUTH");
        (await flows.ProveDeviceAsync(afterMfa, "tia", key, group, secret)).ShouldBeOk();
        (await DeviceAsync(flows.Wire, key))["DeviceLastAuthenticatedDate"]!.GetValue<double>()
            .Should().Be(afterSecond["DeviceLastAuthenticatedDate"]!.GetValue<double>() + 3600);
    }

    [Fact]
    public async Task AForgottenDevice_BringsTheMfaChallengeBack_AfterTheClientsRetryWithoutIt()
    {
        using var mock = Start("ON");
        var flows = new SignInFlows(mock, Client);
        var signedIn = await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret));
        var (key, _, _, _) = await flows.ConfirmNewDeviceAsync(signedIn);
        (await flows.Wire.CallAsync("AdminForgetDevice", new { UserPoolId = Pool, Username = "tia", DeviceKey = key })).ShouldBeOk();

        (await SrpAsync(flows, "tia", key)).ShouldBeError("ResourceNotFoundException", "Device does not exist.");
        var again = await SrpAsync(flows, "tia");

        again.Json["ChallengeName"]!.GetValue<string>().Should().Be("SOFTWARE_TOKEN_MFA");
    }

    [Fact]
    public async Task WithoutChallengeRequiredOnNewDevice_ARememberedDeviceIsProvenButMfaIsStillAsked()
    {
        using var mock = Start("ON", challengeRequiredOnNewDevice: false);
        var flows = new SignInFlows(mock, Client);
        var signedIn = await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret));
        var (key, group, secret, _) = await flows.ConfirmNewDeviceAsync(signedIn);
        mock.Clock.Advance(TimeSpan.FromSeconds(30));

        var challenge = await SrpAsync(flows, "tia", key);
        challenge.Json["ChallengeName"]!.GetValue<string>().Should().Be("SOFTWARE_TOKEN_MFA");
        var afterMfa = await Answer(flows, challenge, "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret));

        afterMfa.Json["ChallengeName"]!.GetValue<string>().Should().Be("DEVICE_SRP_AUTH");
        (await flows.ProveDeviceAsync(afterMfa, "tia", key, group, secret)).ShouldBeOk();
    }

    [Fact]
    public async Task TheDeviceProofAfterAnMfaCode_MayComeUnderTheMfaChallengesSession_AsTheJsClientSendsIt_ButOnlyOnce()
    {
        using var mock = Start("ON", challengeRequiredOnNewDevice: false);
        var flows = new SignInFlows(mock, Client);
        var (key, group, secret, _) = await flows.ConfirmNewDeviceAsync(await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret)));
        mock.Clock.Advance(TimeSpan.FromSeconds(30));
        var challenge = await SrpAsync(flows, "tia", key);
        var afterMfa = await Answer(flows, challenge, "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret));
        afterMfa.Json["ChallengeName"]!.GetValue<string>().Should().Be("DEVICE_SRP_AUTH");

        // amazon-cognito-identity-js's sendMFACode keeps the Session it answered, not the one DEVICE_SRP_AUTH came with.
        var proven = await flows.ProveDeviceAsync(challenge, "tia", key, group, secret);

        proven.ShouldBeOk();
        proven.Json["AuthenticationResult"]!["AccessToken"].Should().NotBeNull();
        (await flows.ProveDeviceAsync(afterMfa, "tia", key, group, secret)).ShouldBeError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
        (await flows.ProveDeviceAsync(challenge, "tia", key, group, secret)).ShouldBeError("NotAuthorizedException", "Invalid session for the user, session can only be used once.");
    }

    [Fact]
    public async Task AnMfaOnlySignIn_DoesNotMoveTheDatesOfTheUsersOtherDevices()
    {
        using var mock = Start("ON");
        var flows = new SignInFlows(mock, Client);
        var (key, _, _, _) = await flows.ConfirmNewDeviceAsync(await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret)));
        var before = await DeviceAsync(flows.Wire, key);
        mock.Clock.Advance(TimeSpan.FromMinutes(5));

        (await Answer(flows, await SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", Code(mock, TotpSecret))).ShouldBeOk();

        (await DeviceAsync(flows.Wire, key)).ToJsonString().Should().Be(before.ToJsonString());
    }

    private static async Task<JsonNode> DeviceAsync(Wire wire, string key)
    {
        var response = await wire.CallAsync("AdminGetDevice", new { UserPoolId = Pool, Username = "tia", DeviceKey = key });
        response.ShouldBeOk();
        return response.Json["Device"]!;
    }

    private static string Attribute(JsonNode device, string name) =>
        device["DeviceAttributes"]!.AsArray().Single(a => a!["Name"]!.GetValue<string>() == name)!["Value"]!.GetValue<string>();
}
