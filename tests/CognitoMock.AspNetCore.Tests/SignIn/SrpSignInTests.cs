using System.Text.RegularExpressions;
using CognitoMock.AspNetCore.Tests.Support;
using static CognitoMock.AspNetCore.Tests.Support.SignInPool;

namespace CognitoMock.AspNetCore.Tests.SignIn;

/// <summary>USER_SRP_AUTH as measured on AWS (docs/behaviour.md §9), through the wire.</summary>
public sealed partial class SrpSignInTests
{
    private const string Invalid = "InvalidParameterException";
    private const string Incorrect = "Incorrect username or password.";

    [Fact]
    public async Task PasswordVerifier_ComesWithoutASession_AndNamesTheStoredUsernameEvenForAnAlias()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);

        var challenge = await flows.InitiateSrpAsync("alice@example.com", new SrpClient());

        challenge.ShouldBeOk();
        challenge.Json["ChallengeName"]!.GetValue<string>().Should().Be("PASSWORD_VERIFIER");
        challenge.Json.ContainsKey("Session").Should().BeFalse();
        var parameters = challenge.Json["ChallengeParameters"]!.AsObject();
        parameters.Select(p => p.Key).Should().BeEquivalentTo("SALT", "SRP_B", "SECRET_BLOCK", "USER_ID_FOR_SRP", "USERNAME");
        parameters["USER_ID_FOR_SRP"]!.GetValue<string>().Should().Be("alice");
        parameters["USERNAME"]!.GetValue<string>().Should().Be("alice");
    }

    [Fact]
    public async Task TheSaltStaysTheSameAcrossInitiations_WhileSrpBChanges()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);

        var first = (await flows.InitiateSrpAsync("alice", new SrpClient())).Json["ChallengeParameters"]!;
        var second = (await flows.InitiateSrpAsync("alice", new SrpClient())).Json["ChallengeParameters"]!;

        second["SALT"]!.GetValue<string>().Should().Be(first["SALT"]!.GetValue<string>());
        second["SRP_B"]!.GetValue<string>().Should().NotBe(first["SRP_B"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheRightProof_GivesTokensAndANewDevice()
    {
        using var mock = Start();

        var signedIn = await new SignInFlows(mock).SrpSignInAsync("alice@example.com", Password);

        signedIn.ShouldBeOk();
        var result = signedIn.Json["AuthenticationResult"]!;
        result["TokenType"]!.GetValue<string>().Should().Be("Bearer");
        result["ExpiresIn"]!.GetValue<int>().Should().Be(3600);
        result["AccessToken"]!.GetValue<string>().Split('.').Should().HaveCount(3);
        result["IdToken"]!.GetValue<string>().Split('.').Should().HaveCount(3);
        result["RefreshToken"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        DeviceKeyPattern().IsMatch(result["NewDeviceMetadata"]!["DeviceKey"]!.GetValue<string>()).Should().BeTrue();
        GroupKeyPattern().IsMatch(result["NewDeviceMetadata"]!["DeviceGroupKey"]!.GetValue<string>()).Should().BeTrue();
    }

    [Fact]
    public async Task APoolWithoutDeviceTracking_GivesNoNewDevice()
    {
        using var mock = Start(tracksDevices: false);

        var signedIn = await new SignInFlows(mock).SrpSignInAsync("alice", Password);

        signedIn.ShouldBeOk();
        signedIn.Json["AuthenticationResult"]!.AsObject().ContainsKey("NewDeviceMetadata").Should().BeFalse();
    }

    [Fact]
    public async Task AWrongPassword_IsRefused_AndDoesNotUseTheChallengeUp_WhileARightProofWorksTwice()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();
        var challenge = await flows.InitiateSrpAsync("alice", srp);

        (await flows.RespondAsync("PASSWORD_VERIFIER", flows.Proof(challenge.Json, srp, "Wrong-passw0rd"))).ShouldBeError("NotAuthorizedException", Incorrect);
        (await flows.RespondAsync("PASSWORD_VERIFIER", flows.Proof(challenge.Json, srp, Password))).ShouldBeOk();
        (await flows.RespondAsync("PASSWORD_VERIFIER", flows.Proof(challenge.Json, srp, Password))).ShouldBeOk();
    }

    [Theory]
    [InlineData("Thu Nov 26 10:13:43 UTC 2026", "Fri Nov 26 10:13:43 UTC 2026")] // a wrong weekday
    [InlineData("Fri Nov 6 10:13:43 UTC 2026", "Fri Nov 06 10:13:43 UTC 2026")] // a zero-padded day
    [InlineData("Thu Nov 26 10:13:43 UTC 2026", "thu nov 26 10:13:43 utc 2026")] // the names in lower case
    public async Task ATimestampThatParsesButIsNotCanonical_FailsTheProof(string canonical, string sent)
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();
        var challenge = await flows.InitiateSrpAsync("alice", srp);
        var honest = flows.Proof(challenge.Json, srp, Password, canonical);
        var signedOverWhatWasSent = flows.Proof(challenge.Json, srp, Password, sent);

        (await flows.RespondAsync("PASSWORD_VERIFIER", signedOverWhatWasSent)).ShouldBeError("NotAuthorizedException", Incorrect);
        honest["TIMESTAMP"] = sent;
        (await flows.RespondAsync("PASSWORD_VERIFIER", honest)).ShouldBeOk();
    }

    [Fact]
    public async Task ATimestampDaysOld_IsAccepted()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();
        var challenge = await flows.InitiateSrpAsync("alice", srp);

        var response = await flows.RespondAsync("PASSWORD_VERIFIER", flows.Proof(challenge.Json, srp, Password, "Mon Nov 2 08:00:00 UTC 2026"));

        response.ShouldBeOk();
    }

    [Theory]
    [InlineData("Thu Nov 26 10:13:43 PST 2026")]
    [InlineData("2026-11-26T10:13:43Z")]
    [InlineData("yesterday")]
    public async Task ATimestampThatDoesNotParse_IsAnInvalidParameter(string timestamp)
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();
        var challenge = await flows.InitiateSrpAsync("alice", srp);

        var response = await flows.RespondAsync("PASSWORD_VERIFIER", flows.Proof(challenge.Json, srp, Password, timestamp));

        response.ShouldBeError(Invalid, "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");
    }

    [Theory]
    [InlineData("USERNAME")]
    [InlineData("TIMESTAMP")]
    [InlineData("PASSWORD_CLAIM_SIGNATURE")]
    [InlineData("PASSWORD_CLAIM_SECRET_BLOCK")]
    public async Task AMissingProofParameter_IsNamed_InAwssOrder(string missing)
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();
        var proof = flows.Proof((await flows.InitiateSrpAsync("alice", srp)).Json, srp, Password);
        // Without the named one and every one checked after it, AWS names the first; USERNAME goes alone, since
        // an empty set of responses has its own message.
        string[] order = ["USERNAME", "TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK"];
        foreach (var later in missing == "USERNAME" ? [missing] : order.SkipWhile(p => p != missing))
        {
            proof.Remove(later);
        }

        var response = await flows.RespondAsync("PASSWORD_VERIFIER", proof);

        response.ShouldBeError(Invalid, $"Missing required parameter {missing}");
    }

    [Fact]
    public async Task EmptyChallengeResponses_AreRefused()
    {
        using var mock = Start();

        var response = await new SignInFlows(mock).RespondAsync("PASSWORD_VERIFIER", []);

        response.ShouldBeError(Invalid, "Missing required parameter challenge responses.");
    }

    [Fact]
    public async Task ASignatureThatIsNotBase64_IsRefusedAsSuch()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();
        var proof = flows.Proof((await flows.InitiateSrpAsync("alice", srp)).Json, srp, Password);
        proof["PASSWORD_CLAIM_SIGNATURE"] = "not base64!";

        var response = await flows.RespondAsync("PASSWORD_VERIFIER", proof);

        response.ShouldBeError(Invalid, "Invalid PASSWORD_CLAIM_SIGNATURE format. Must be a Base64 string.");
    }

    [Fact]
    public async Task ATamperedSecretBlock_FailsTheProof()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();
        var challenge = (await flows.InitiateSrpAsync("alice", srp)).Json;
        var block = Convert.FromBase64String(challenge["ChallengeParameters"]!["SECRET_BLOCK"]!.GetValue<string>());
        block[20] ^= 1;
        challenge["ChallengeParameters"]!["SECRET_BLOCK"] = Convert.ToBase64String(block);

        var response = await flows.RespondAsync("PASSWORD_VERIFIER", flows.Proof(challenge, srp, Password));

        response.ShouldBeError("NotAuthorizedException", Incorrect);
    }

    [Fact]
    public async Task MissingOrNonHexSrpA_IsRefusedAsMeasured()
    {
        using var mock = Start();
        var wire = new Wire(mock);

        (await wire.CallAsync("InitiateAuth", new { AuthFlow = "USER_SRP_AUTH", ClientId = Client, AuthParameters = new { USERNAME = "alice" } }, signed: false))
            .ShouldBeError(Invalid, "Missing required parameter SRP_A");
        (await wire.CallAsync("InitiateAuth", new { AuthFlow = "USER_SRP_AUTH", ClientId = Client, AuthParameters = new { USERNAME = "alice", SRP_A = "zzz" } }, signed: false))
            .ShouldBeError(Invalid, "1 validation error detected: Value 'zzz' at 'sRPA' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-fA-F]+$");
    }

    [Fact]
    public async Task SrpAThatIsAMultipleOfN_IsRefused()
    {
        using var mock = Start();

        var response = await new Wire(mock).CallAsync("InitiateAuth", new
        {
            AuthFlow = "USER_SRP_AUTH",
            ClientId = Client,
            AuthParameters = new { USERNAME = "alice", SRP_A = Srp.SrpGroup.ToHex(Srp.SrpGroup.N) },
        }, signed: false);

        response.ShouldBeError("NotAuthorizedException", Incorrect);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData(AliceSub)] // sign-in does not take a sub (measured)
    public async Task AnUnknownUserOrASub_IsUserNotFoundAtInitiate(string username)
    {
        using var mock = Start();

        var response = await new SignInFlows(mock).InitiateSrpAsync(username, new SrpClient());

        response.ShouldBeError("UserNotFoundException", "User does not exist.");
    }

    [Theory]
    [InlineData("disabled", "NotAuthorizedException", "User is disabled.")]
    [InlineData("unconfirmed", "UserNotConfirmedException", "User is not confirmed.")]
    [InlineData("resetme", "PasswordResetRequiredException", "Password reset required for the user")]
    public async Task AUserWhoMayNotSignIn_LearnsWhyOnlyAfterTheRightPassword(string username, string code, string message)
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);

        (await flows.SrpSignInAsync(username, "Wrong-passw0rd")).ShouldBeError("NotAuthorizedException", Incorrect);
        (await flows.SrpSignInAsync(username, Password)).ShouldBeError(code, message);
    }

    [Fact]
    public async Task AUserWithoutAPassword_CanNeverProveOne()
    {
        using var mock = Start();

        var response = await new SignInFlows(mock).SrpSignInAsync("nopassword", Password);

        response.ShouldBeError("NotAuthorizedException", Incorrect);
    }

    [Fact]
    public async Task AClientWithoutTheFlow_RefusesIt()
    {
        using var mock = Start();
        mock.Backend.Store.Write(tx =>
        {
            var client = tx.GetClient(Client)!;
            tx.UpdateClient(client with { ExplicitAuthFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
        });

        var response = await new SignInFlows(mock).InitiateSrpAsync("alice", new SrpClient());

        response.ShouldBeError(Invalid, "USER_SRP_AUTH is not enabled for the client.");
    }

    [Fact]
    public async Task AnUnknownClient_IsResourceNotFound()
    {
        using var mock = Start();

        var response = await new SignInFlows(mock).InitiateSrpAsync("alice", new SrpClient(), "nosuchclient00000000000001");

        response.ShouldBeError("ResourceNotFoundException", "User pool client nosuchclient00000000000001 does not exist.");
    }

    [Fact]
    public async Task AdminInitiateAuth_AcceptsUserSrpAuth_AndAdminRespondToAuthChallengeCompletesIt()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();

        var challenge = await flows.Wire.CallAsync("AdminInitiateAuth", new
        {
            UserPoolId = Pool,
            ClientId = Client,
            AuthFlow = "USER_SRP_AUTH",
            AuthParameters = new { USERNAME = "alice", SRP_A = srp.SrpA },
        });
        challenge.ShouldBeOk();
        var response = await flows.Wire.CallAsync("AdminRespondToAuthChallenge", new
        {
            UserPoolId = Pool,
            ClientId = Client,
            ChallengeName = "PASSWORD_VERIFIER",
            ChallengeResponses = flows.Proof(challenge.Json, srp, Password),
        });

        response.ShouldBeOk();
        response.Json["AuthenticationResult"]!["AccessToken"].Should().NotBeNull();
    }

    [GeneratedRegex(@"\Aus-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\z")]
    private static partial Regex DeviceKeyPattern();

    [GeneratedRegex(@"\A-[0-9A-Za-z]{8}\z")]
    private static partial Regex GroupKeyPattern();
}
