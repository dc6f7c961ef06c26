using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.SignIn;
using CognitoMock.AspNetCore.Tests.Support;
using static CognitoMock.AspNetCore.Tests.Support.SignInPool;

namespace CognitoMock.AspNetCore.Tests.Devices;

/// <summary>docs/behaviour.md §4 and §6: a device from sign-in to forgetting, through every operation that sees it.</summary>
public sealed class DeviceLifecycleTests
{
    private const string NotFound = "ResourceNotFoundException";
    private const string NoDevice = "Device does not exist.";

    [Fact]
    public async Task AnUnconfirmedDevice_IsNotListed()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);

        (await flows.SrpSignInAsync("alice", SignInPool.Password)).ShouldBeOk();

        (await AdminList(flows.Wire)).Should().BeEmpty();
    }

    [Fact]
    public async Task ConfirmDevice_RemembersItAtOnce_WhenThePoolDoesNotAsk()
    {
        using var mock = Start(promptToRemember: false);
        var flows = new SignInFlows(mock);
        var signedIn = await flows.SrpSignInAsync("alice", SignInPool.Password);

        var (key, _, _, confirmation) = await flows.ConfirmNewDeviceAsync(signedIn, "Alice's laptop");

        confirmation.ShouldBeOk();
        confirmation.Json["UserConfirmationNecessary"]!.GetValue<bool>().Should().BeFalse();
        var listed = (await AdminList(flows.Wire)).Single()!;
        listed["DeviceKey"]!.GetValue<string>().Should().Be(key);
        Attribute(listed, "dev:device_remembered_status").Should().Be("remembered");
        Attribute(listed, "device_name").Should().Be("Alice's laptop");
        Keys(await UserList(flows.Wire, SignInFlows.AccessToken(signedIn))).Should().Equal(key);
    }

    [Fact]
    public async Task ConfirmDevice_InAPoolThatAsks_LeavesItNotRemembered_UntilTheUserSaysSo()
    {
        using var mock = Start(promptToRemember: true, configure: s => s.TrustForwardedFor = true);
        var flows = new SignInFlows(mock);
        flows.Wire.ForwardedFor = "203.0.113.9";
        var signedIn = await flows.SrpSignInAsync("alice", SignInPool.Password);
        var token = SignInFlows.AccessToken(signedIn);

        var (key, _, _, confirmation) = await flows.ConfirmNewDeviceAsync(signedIn);

        confirmation.Json["UserConfirmationNecessary"]!.GetValue<bool>().Should().BeTrue();
        Attribute((await AdminList(flows.Wire)).Single()!, "dev:device_remembered_status").Should().Be("not_remembered");
        Keys(await UserList(flows.Wire, token)).Should().BeEmpty("ListDevices shows remembered devices only");
        (await flows.Wire.CallAsync("GetDevice", new { AccessToken = token, DeviceKey = key }, signed: false)).ShouldBeError(NotFound, NoDevice);
        (await flows.Wire.CallAsync("AdminGetDevice", new { UserPoolId = Pool, Username = "alice", DeviceKey = key })).ShouldBeOk();

        (await flows.Wire.CallAsync("UpdateDeviceStatus", new { AccessToken = token, DeviceKey = key, DeviceRememberedStatus = "remembered" }, signed: false)).ShouldBeOk();

        Keys(await UserList(flows.Wire, token)).Should().Equal(key);
        var device = (await flows.Wire.CallAsync("GetDevice", new { AccessToken = token, DeviceKey = key }, signed: false)).Json["Device"]!;
        device["DeviceAttributes"]!.AsArray().Select(a => a!["Name"]!.GetValue<string>()).Should().Equal("device_status", "device_name", "last_ip_used");
    }

    [Fact]
    public async Task ConfirmDevice_WithAKeyNotIssuedToThisUser_IsAnInvalidParameter()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var alices = await flows.SrpSignInAsync("alice", SignInPool.Password);
        var bobs = await flows.SrpSignInAsync("bob", SignInPool.Password);
        var bobsKey = bobs.Json["AuthenticationResult"]!["NewDeviceMetadata"]!["DeviceKey"]!.GetValue<string>();

        var response = await flows.Wire.CallAsync("ConfirmDevice", new { AccessToken = SignInFlows.AccessToken(alices), DeviceKey = bobsKey }, signed: false);

        response.ShouldBeError("InvalidParameterException", "Invalid device key given.");
    }

    [Fact]
    public async Task ConfirmDevice_Twice_IsRefused()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var signedIn = await flows.SrpSignInAsync("alice", SignInPool.Password);
        var (key, _, _, _) = await flows.ConfirmNewDeviceAsync(signedIn);

        var again = await flows.Wire.CallAsync("ConfirmDevice", new { AccessToken = SignInFlows.AccessToken(signedIn), DeviceKey = key }, signed: false);

        again.ShouldBeError("DeviceKeyExistsException", "Device key already exists.");
    }

    [Fact]
    public async Task ARememberedDevice_ProvesItselfWithDeviceSrp_AndTheSignInIsRecordedOnIt()
    {
        using var mock = Start(configure: s => s.TrustForwardedFor = true);
        var flows = new SignInFlows(mock);
        var (key, group, secret, _) = await flows.ConfirmNewDeviceAsync(await flows.SrpSignInAsync("alice", SignInPool.Password));
        var before = (await AdminList(flows.Wire)).Single()!;
        mock.Clock.Advance(TimeSpan.FromHours(5));

        var challenge = await flows.SrpSignInAsync("alice", SignInPool.Password, key);
        challenge.ShouldBeOk();
        challenge.Json["ChallengeName"]!.GetValue<string>().Should().Be("DEVICE_SRP_AUTH");
        var signedIn = await ProveDeviceFrom(flows, challenge, key, group, secret, "198.51.100.77");

        signedIn.ShouldBeOk();
        var result = signedIn.Json["AuthenticationResult"]!.AsObject();
        result.ContainsKey("NewDeviceMetadata").Should().BeFalse();
        TokenTests.Claims(result["AccessToken"]!.GetValue<string>())["device_key"]!.GetValue<string>().Should().Be(key);
        var after = (await AdminList(flows.Wire)).Single()!;
        Attribute(after, "last_ip_used").Should().Be("198.51.100.77");
        after["DeviceLastAuthenticatedDate"]!.GetValue<double>().Should().Be(before["DeviceLastAuthenticatedDate"]!.GetValue<double>() + 5 * 3600);
        after["DeviceCreateDate"]!.GetValue<double>().Should().Be(before["DeviceCreateDate"]!.GetValue<double>());
        after["DeviceLastModifiedDate"]!.GetValue<double>().Should().Be(before["DeviceLastModifiedDate"]!.GetValue<double>(), "a sign-in is not a change of the device");
    }

    [Fact]
    public async Task AWrongDeviceSecret_FailsTheDeviceProof()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var (key, group, _, _) = await flows.ConfirmNewDeviceAsync(await flows.SrpSignInAsync("alice", SignInPool.Password));
        var challenge = await flows.SrpSignInAsync("alice", SignInPool.Password, key);

        var response = await flows.ProveDeviceAsync(challenge, "alice", key, group, "not the device secret");

        response.ShouldBeError("NotAuthorizedException", "Incorrect username or password.");
    }

    [Fact]
    public async Task AnUnknownDeviceKey_IsDeviceDoesNotExist_AndTheRetryWithoutItSucceeds()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var srp = new SrpClient();
        var challenge = await flows.InitiateSrpAsync("alice", srp);
        var proof = flows.Proof(challenge.Json, srp, SignInPool.Password);
        proof["DEVICE_KEY"] = "us-east-1_00000000-0000-4000-8000-000000000999";

        (await flows.RespondAsync("PASSWORD_VERIFIER", proof)).ShouldBeError(NotFound, NoDevice);

        // amazon-cognito-identity-js then sends the same request with "DEVICE_KEY": null.
        proof["DEVICE_KEY"] = null;
        var retried = await flows.RespondAsync("PASSWORD_VERIFIER", proof);
        retried.ShouldBeOk();
        retried.Json["AuthenticationResult"]!["NewDeviceMetadata"].Should().NotBeNull();
    }

    [Fact]
    public async Task AnotherUsersDevice_CannotBePresented()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var (bobsKey, _, _, _) = await flows.ConfirmNewDeviceAsync(await flows.SrpSignInAsync("bob", SignInPool.Password));

        var response = await flows.SrpSignInAsync("alice", SignInPool.Password, bobsKey);

        response.ShouldBeError(NotFound, NoDevice);
    }

    [Fact]
    public async Task ASeededDeviceWithASecret_ProvesItselfWithoutConfirmDevice()
    {
        using var mock = Start();
        const string key = "us-east-1_0000cccc-0000-4000-8000-000000000001";
        mock.Seed(new Seeding.SeedDocument
        {
            UserPools =
            [
                new()
                {
                    Id = "us-east-1_Seeded1",
                    Name = "seeded",
                    DeviceConfiguration = new(),
                    Clients = [new() { ClientId = "seededclient00000000000001", ClientName = "web" }],
                    Users = [new() { Username = "sam", Password = SignInPool.Password, Devices = [new() { DeviceKey = key, DeviceGroupKey = "-Seeded00", DeviceSecret = "sam's device secret" }] }],
                },
            ],
        });
        var flows = new SignInFlows(mock, "seededclient00000000000001");
        var srp = new SrpClient();
        var initiated = await flows.InitiateSrpAsync("sam", srp);
        var parameters = initiated.Json["ChallengeParameters"]!;
        var block = parameters["SECRET_BLOCK"]!.GetValue<string>();
        var stamp = SrpClient.Timestamp(mock.Clock.GetUtcNow());
        var proofKey = srp.Key("Seeded1", "sam", SignInPool.Password, parameters["SALT"]!.GetValue<string>(), parameters["SRP_B"]!.GetValue<string>());
        var challenge = await flows.RespondAsync("PASSWORD_VERIFIER", new Dictionary<string, string?>
        {
            ["USERNAME"] = "sam",
            ["PASSWORD_CLAIM_SECRET_BLOCK"] = block,
            ["TIMESTAMP"] = stamp,
            ["PASSWORD_CLAIM_SIGNATURE"] = SrpClient.Sign(proofKey, "Seeded1", "sam", block, stamp),
            ["DEVICE_KEY"] = key,
        });

        var response = await flows.ProveDeviceAsync(challenge, "sam", key, "-Seeded00", "sam's device secret");

        response.ShouldBeOk();
    }

    [Fact]
    public async Task ADeviceChallengeSession_ExpiresAfterThreeMinutes()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var (key, group, secret, _) = await flows.ConfirmNewDeviceAsync(await flows.SrpSignInAsync("alice", SignInPool.Password));
        var challenge = await flows.SrpSignInAsync("alice", SignInPool.Password, key);

        mock.Clock.Advance(TimeSpan.FromMinutes(3));
        var response = await flows.ProveDeviceAsync(challenge, "alice", key, group, secret);

        response.ShouldBeError("NotAuthorizedException", "Invalid session for the user, session is expired.");
    }

    [Theory]
    [InlineData("ForgetDevice")]
    [InlineData("AdminForgetDevice")]
    public async Task AForgottenDevice_IsGoneEverywhere_AndItsRefreshTokenStopsWorking(string operation)
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var signedIn = await flows.SrpSignInAsync("alice", SignInPool.Password);
        var token = SignInFlows.AccessToken(signedIn);
        var (key, _, _, _) = await flows.ConfirmNewDeviceAsync(signedIn);
        var before = mock.Backend.Store.FindUserBySub(Pool, AliceSub)!;

        var forgotten = operation == "ForgetDevice"
            ? await flows.Wire.CallAsync("ForgetDevice", new { AccessToken = token, DeviceKey = key }, signed: false)
            : await flows.Wire.CallAsync("AdminForgetDevice", new { UserPoolId = Pool, Username = "alice", DeviceKey = key });

        forgotten.ShouldBeOk();
        (await AdminList(flows.Wire)).Should().BeEmpty();
        Keys(await UserList(flows.Wire, token)).Should().BeEmpty();
        (await flows.Wire.CallAsync("GetDevice", new { AccessToken = token, DeviceKey = key }, signed: false)).ShouldBeError(NotFound, NoDevice);
        (await flows.Wire.CallAsync("AdminGetDevice", new { UserPoolId = Pool, Username = "alice", DeviceKey = key })).ShouldBeError(NotFound, NoDevice);
        (await flows.Wire.CallAsync("AdminUpdateDeviceStatus", new { UserPoolId = Pool, Username = "alice", DeviceKey = key, DeviceRememberedStatus = "remembered" }))
            .ShouldBeError(NotFound, NoDevice);
        (await flows.Wire.CallAsync("AdminForgetDevice", new { UserPoolId = Pool, Username = "alice", DeviceKey = key })).ShouldBeError(NotFound, NoDevice);
        (await TokenTests.Refresh(flows.Wire, signedIn, key)).ShouldBeError("NotAuthorizedException", "Invalid Refresh Token");
        mock.Backend.Store.GetUser(before.Id).Should().NotBeNull();
    }

    [Fact]
    public async Task AdminDeviceOperations_FindTheDeviceOnlyUnderItsOwner()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var (key, _, _, _) = await flows.ConfirmNewDeviceAsync(await flows.SrpSignInAsync("alice", SignInPool.Password));

        (await flows.Wire.CallAsync("AdminGetDevice", new { UserPoolId = Pool, Username = "alice@example.com", DeviceKey = key })).ShouldBeOk();
        (await flows.Wire.CallAsync("AdminGetDevice", new { UserPoolId = Pool, Username = "bob", DeviceKey = key })).ShouldBeError(NotFound, NoDevice);
        (await flows.Wire.CallAsync("AdminGetDevice", new { UserPoolId = Pool, Username = "nobody", DeviceKey = key })).ShouldBeError("UserNotFoundException", "User does not exist.");
        (await flows.Wire.CallAsync("AdminGetDevice", new { UserPoolId = "us-east-1_Nope", Username = "alice", DeviceKey = key }))
            .ShouldBeError(NotFound, "User pool us-east-1_Nope does not exist.");
        (await flows.Wire.CallAsync("AdminGetDevice", new { UserPoolId = Pool, Username = "alice", DeviceKey = "bad key" }))
            .ShouldBeError("InvalidParameterException", "1 validation error detected: Value 'bad key' at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+");
    }

    [Fact]
    public async Task AdminUpdateDeviceStatus_MovesTheLastModifiedDate_AndTheListingsFollow()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var signedIn = await flows.SrpSignInAsync("alice", SignInPool.Password);
        var (key, _, _, _) = await flows.ConfirmNewDeviceAsync(signedIn);
        var before = (await AdminList(flows.Wire)).Single()!;
        mock.Clock.Advance(TimeSpan.FromMinutes(10));

        (await flows.Wire.CallAsync("AdminUpdateDeviceStatus", new { UserPoolId = Pool, Username = "alice", DeviceKey = key, DeviceRememberedStatus = "not_remembered" })).ShouldBeOk();

        var after = (await AdminList(flows.Wire)).Single()!;
        Attribute(after, "dev:device_remembered_status").Should().Be("not_remembered");
        after["DeviceLastModifiedDate"]!.GetValue<double>().Should().Be(before["DeviceLastModifiedDate"]!.GetValue<double>() + 600);
        after["DeviceLastAuthenticatedDate"]!.GetValue<double>().Should().Be(before["DeviceLastAuthenticatedDate"]!.GetValue<double>());
        Keys(await UserList(flows.Wire, SignInFlows.AccessToken(signedIn))).Should().BeEmpty();
    }

    [Fact]
    public async Task ListDevices_PagesWithItsOwnTokens()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var token = "";
        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var signedIn = await flows.SrpSignInAsync("alice", SignInPool.Password);
            token = SignInFlows.AccessToken(signedIn);
            keys.Add((await flows.ConfirmNewDeviceAsync(signedIn)).Key);
            mock.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await flows.Wire.CallAsync("ListDevices", new { AccessToken = token, Limit = 2 }, signed: false);
        var paginationToken = first.Json["PaginationToken"]!.GetValue<string>();
        var second = await flows.Wire.CallAsync("ListDevices", new { AccessToken = token, Limit = 2, PaginationToken = paginationToken }, signed: false);
        var adminToken = (await flows.Wire.CallAsync("AdminListDevices", new { UserPoolId = Pool, Username = "alice", Limit = 2 })).Json["PaginationToken"]!.GetValue<string>();
        var crossed = await flows.Wire.CallAsync("ListDevices", new { AccessToken = token, PaginationToken = adminToken }, signed: false);

        Keys(first).Concat(Keys(second)).Should().Equal(keys);
        second.Json.ContainsKey("PaginationToken").Should().BeFalse();
        crossed.Json["message"]!.GetValue<string>().Should().EndWith("the token was issued for another operation, user pool or user.");
    }

    [Fact]
    public async Task DeviceOperations_NeedAValidAccessToken()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        const string key = "us-east-1_00000000-0000-4000-8000-000000000001";

        (await wire.CallAsync("ListDevices", new { AccessToken = "x.y.z" }, signed: false)).ShouldBeError("NotAuthorizedException", "Invalid Access Token");
        (await wire.CallAsync("GetDevice", new { DeviceKey = key }, signed: false)).ShouldBeError("NotAuthorizedException", "Invalid Access Token");
        (await wire.CallAsync("ForgetDevice", new { DeviceKey = key }, signed: false)).ShouldBeError("NotAuthorizedException", "Invalid Access Token");
        (await wire.CallAsync("ConfirmDevice", new { AccessToken = "nope", DeviceKey = key }, signed: false)).ShouldBeError("NotAuthorizedException", "Invalid Access Token");
    }

    [Fact]
    public async Task WithoutATrustedProxy_TheCallersOwnAddressIsRecorded()
    {
        using var mock = Start();
        var flows = new SignInFlows(mock);
        var (key, group, secret, _) = await flows.ConfirmNewDeviceAsync(await flows.SrpSignInAsync("alice", SignInPool.Password));
        var challenge = await flows.SrpSignInAsync("alice", SignInPool.Password, key);

        (await ProveDeviceFrom(flows, challenge, key, group, secret, "198.51.100.77")).ShouldBeOk();

        (await AdminList(flows.Wire)).Single()!["DeviceAttributes"]!.AsArray()
            .Should().NotContain(a => a!["Value"]!.GetValue<string>() == "198.51.100.77");
    }

    private static async Task<WireResponse> ProveDeviceFrom(SignInFlows flows, WireResponse challenge, string key, string group, string secret, string forwardedFor)
    {
        flows.Wire.ForwardedFor = forwardedFor;
        try
        {
            return await flows.ProveDeviceAsync(challenge, "alice", key, group, secret);
        }
        finally
        {
            flows.Wire.ForwardedFor = null;
        }
    }

    private static async Task<JsonArray> AdminList(Wire wire)
    {
        var response = await wire.CallAsync("AdminListDevices", new { UserPoolId = Pool, Username = "alice" });
        response.ShouldBeOk();
        return response.Json["Devices"]!.AsArray();
    }

    private static async Task<WireResponse> UserList(Wire wire, string accessToken)
    {
        var response = await wire.CallAsync("ListDevices", new { AccessToken = accessToken }, signed: false);
        response.ShouldBeOk();
        return response;
    }

    private static List<string> Keys(WireResponse list) => [.. list.Json["Devices"]!.AsArray().Select(d => d!["DeviceKey"]!.GetValue<string>())];

    private static string Attribute(JsonNode device, string name) =>
        device["DeviceAttributes"]!.AsArray().Single(a => a!["Name"]!.GetValue<string>() == name)!["Value"]!.GetValue<string>();
}
