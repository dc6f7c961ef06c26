using System.Net;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.SignIn;

/// <summary>
/// A Session is answered once: the same challenge's correct answer from 16 requests at once gets exactly one
/// success, and every other request AWS's answer for a used Session (docs/behaviour.md §2, §7). Each answer spends
/// its Session and issues what follows in one write.
/// </summary>
public sealed class ChallengeAnswerRaceTests
{
    private const int Racers = 16;
    private const int Rounds = 3;
    private const string UsedOnce = "Invalid session for the user, session can only be used once.";

    [Fact]
    public async Task NewPasswordRequired_AnsweredSixteenTimesAtOnce_SetsOnePassword()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var mock = SignInPool.Start();
            var flows = new SignInFlows(mock);
            var challenge = await PasswordSignInTests.Password(flows.Wire, "newbie", SignInPool.Password);
            var session = MfaTests.Session(challenge);

            var answers = await Race(i => flows.RespondAsync("NEW_PASSWORD_REQUIRED", new()
            {
                ["USERNAME"] = "newbie",
                ["NEW_PASSWORD"] = $"Racer-{i}-Passw0rd",
            }, session));

            var winner = OneWinner(answers);
            (await PasswordSignInTests.Password(flows.Wire, "newbie", $"Racer-{winner}-Passw0rd")).ShouldBeOk();
            var loser = (winner + 1) % Racers;
            (await PasswordSignInTests.Password(flows.Wire, "newbie", $"Racer-{loser}-Passw0rd"))
                .ShouldBeError("NotAuthorizedException", "Incorrect username or password.");
        }
    }

    [Fact]
    public async Task SmsMfa_AnsweredSixteenTimesAtOnce_IssuesOneSetOfTokens()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var mock = MfaTests.Start("OPTIONAL");
            var flows = new SignInFlows(mock, MfaTests.Client);
            var challenge = await MfaTests.SrpAsync(flows, "sam");
            var code = mock.Backend.Messages.LastCodeFor(MfaTests.Pool, "sam")!;

            OneWinner(await Race(_ => MfaTests.Answer(flows, challenge, "SMS_MFA", "sam", code)));
        }
    }

    [Fact]
    public async Task SoftwareTokenMfa_AnsweredSixteenTimesAtOnce_IssuesOneSetOfTokens()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var mock = MfaTests.Start("OPTIONAL");
            var flows = new SignInFlows(mock, MfaTests.Client);
            var challenge = await MfaTests.SrpAsync(flows, "tia");
            var code = MfaTests.Code(mock, MfaTests.TotpSecret);

            OneWinner(await Race(_ => MfaTests.Answer(flows, challenge, "SOFTWARE_TOKEN_MFA", "tia", code)));
        }
    }

    [Fact]
    public async Task DeviceSrpAuth_AnsweredSixteenTimesAtOnce_OpensOneDevicePasswordVerifier()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var mock = MfaTests.Start("ON");
            var (flows, device, challenge) = await RememberedDeviceChallengeAsync(mock);

            OneWinner(await Race(_ => flows.RespondAsync("DEVICE_SRP_AUTH", new()
            {
                ["USERNAME"] = "tia",
                ["DEVICE_KEY"] = device.Key,
                ["SRP_A"] = new SrpClient().SrpA,
            }, MfaTests.Session(challenge))));
        }
    }

    [Fact]
    public async Task DevicePasswordVerifier_AnsweredSixteenTimesAtOnce_IssuesOneSetOfTokens()
    {
        for (var round = 0; round < Rounds; round++)
        {
            using var mock = MfaTests.Start("ON");
            var (flows, device, challenge) = await RememberedDeviceChallengeAsync(mock);
            var srp = new SrpClient();
            var verifier = await flows.RespondAsync("DEVICE_SRP_AUTH", new()
            {
                ["USERNAME"] = "tia",
                ["DEVICE_KEY"] = device.Key,
                ["SRP_A"] = srp.SrpA,
            }, MfaTests.Session(challenge));
            verifier.ShouldBeOk();
            var parameters = verifier.Json["ChallengeParameters"]!;
            var block = parameters["SECRET_BLOCK"]!.GetValue<string>();
            var stamp = SrpClient.Timestamp(mock.Clock.GetUtcNow());
            var key = srp.Key(device.GroupKey, device.Key, device.Secret, parameters["SALT"]!.GetValue<string>(), parameters["SRP_B"]!.GetValue<string>());
            var proof = new Dictionary<string, string?>
            {
                ["USERNAME"] = "tia",
                ["PASSWORD_CLAIM_SECRET_BLOCK"] = block,
                ["TIMESTAMP"] = stamp,
                ["PASSWORD_CLAIM_SIGNATURE"] = SrpClient.Sign(key, device.GroupKey, device.Key, block, stamp),
                ["DEVICE_KEY"] = device.Key,
            };

            OneWinner(await Race(_ => flows.RespondAsync("DEVICE_PASSWORD_VERIFIER", proof, MfaTests.Session(verifier))));
        }
    }

    [Fact]
    public async Task DeviceSrpAuth_ForAnotherDeviceThanTheOneNamed_IsRefused()
    {
        using var mock = MfaTests.Start("ON");
        var (flows, remembered, _) = await RememberedDeviceChallengeAsync(mock);
        // A second device of tia's, confirmed but not remembered: it must not stand in for MFA.
        mock.Clock.Advance(TimeSpan.FromSeconds(30));
        var other = await flows.ConfirmNewDeviceAsync(await MfaTests.Answer(flows, await MfaTests.SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", MfaTests.Code(mock, MfaTests.TotpSecret)));
        (await flows.Wire.CallAsync("AdminUpdateDeviceStatus", new { UserPoolId = MfaTests.Pool, Username = "tia", DeviceKey = other.Key, DeviceRememberedStatus = "not_remembered" }))
            .ShouldBeOk();
        var challenge = await MfaTests.SrpAsync(flows, "tia", remembered.Key);
        challenge.Json["ChallengeName"]!.GetValue<string>().Should().Be("DEVICE_SRP_AUTH");

        var swapped = await flows.ProveDeviceAsync(challenge, "tia", other.Key, other.GroupKey, other.Secret);

        swapped.ShouldBeError("NotAuthorizedException", "Invalid device key given.");
        (await flows.ProveDeviceAsync(challenge, "tia", remembered.Key, remembered.GroupKey, remembered.Secret)).ShouldBeOk();
    }

    /// <summary>tia, in a pool where MFA is on and a remembered device replaces it, signs in again with her device: DEVICE_SRP_AUTH.</summary>
    private static async Task<(SignInFlows Flows, (string Key, string GroupKey, string Secret) Device, WireResponse Challenge)> RememberedDeviceChallengeAsync(
        InProcessCognitoMock mock)
    {
        var flows = new SignInFlows(mock, MfaTests.Client);
        var first = await MfaTests.Answer(flows, await MfaTests.SrpAsync(flows, "tia"), "SOFTWARE_TOKEN_MFA", "tia", MfaTests.Code(mock, MfaTests.TotpSecret));
        var (key, group, secret, confirmation) = await flows.ConfirmNewDeviceAsync(first);
        confirmation.ShouldBeOk();
        var challenge = await MfaTests.SrpAsync(flows, "tia", key);
        challenge.Json["ChallengeName"]!.GetValue<string>().Should().Be("DEVICE_SRP_AUTH");
        return (flows, (key, group, secret), challenge);
    }

    /// <summary>Sends <see cref="Racers"/> requests, each on a thread of its own, released together.</summary>
    private static async Task<WireResponse[]> Race(Func<int, Task<WireResponse>> answer)
    {
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Factory.StartNew(
            () =>
            {
                start.Wait();
                return answer(i).GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToList();
        start.Set();
        return await Task.WhenAll(racers);
    }

    /// <summary>Exactly one answer succeeded, and every other was told the Session was used; the winner's index.</summary>
    private static int OneWinner(WireResponse[] answers)
    {
        var winners = answers.Select((answer, i) => (answer, i)).Where(a => a.answer.Status == HttpStatusCode.OK).ToList();
        winners.Should().ContainSingle("a Session is answered once, however many answer it at once; answers: "
            + string.Join(" | ", answers.Select(a => a.Text)));
        foreach (var loser in answers.Where(a => a.Status != HttpStatusCode.OK))
        {
            loser.ShouldBeError("NotAuthorizedException", UsedOnce);
        }

        return winners[0].i;
    }
}
