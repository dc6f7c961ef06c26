using System.Text.Json.Nodes;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Support;

/// <summary>A sign-in pool for the tests, and the request sequences real clients send to sign in.</summary>
internal sealed class SignInFlows(InProcessCognitoMock mock, string clientId = SignInPool.Client)
{
    public Wire Wire { get; } = new(mock);

    public async Task<WireResponse> InitiateSrpAsync(string username, SrpClient srp, string? clientId2 = null) =>
        await Wire.CallAsync("InitiateAuth", new
        {
            AuthFlow = "USER_SRP_AUTH",
            ClientId = clientId2 ?? clientId,
            AuthParameters = new Dictionary<string, string?> { ["USERNAME"] = username, ["SRP_A"] = srp.SrpA },
        }, signed: false);

    /// <summary>The PASSWORD_VERIFIER answer a client computes from the challenge, with the parts a test may change.</summary>
    public Dictionary<string, string?> Proof(JsonObject challenge, SrpClient srp, string password, string? timestamp = null)
    {
        var parameters = challenge["ChallengeParameters"]!;
        var userId = parameters["USER_ID_FOR_SRP"]!.GetValue<string>();
        var block = parameters["SECRET_BLOCK"]!.GetValue<string>();
        var stamp = timestamp ?? SrpClient.Timestamp(mock.Clock.GetUtcNow());
        var key = srp.Key(SignInPool.PoolName, userId, password, parameters["SALT"]!.GetValue<string>(), parameters["SRP_B"]!.GetValue<string>());
        return new Dictionary<string, string?>
        {
            ["USERNAME"] = userId,
            ["PASSWORD_CLAIM_SECRET_BLOCK"] = block,
            ["TIMESTAMP"] = stamp,
            ["PASSWORD_CLAIM_SIGNATURE"] = SrpClient.Sign(key, SignInPool.PoolName, userId, block, stamp),
        };
    }

    public Task<WireResponse> RespondAsync(string challengeName, Dictionary<string, string?> responses, string? session = null) =>
        Wire.CallAsync("RespondToAuthChallenge", new { ClientId = clientId, ChallengeName = challengeName, ChallengeResponses = responses, Session = session }, signed: false);

    /// <summary>USER_SRP_AUTH to the end, optionally presenting a device; the last answer of the server.</summary>
    public async Task<WireResponse> SrpSignInAsync(string username, string password, string? deviceKey = null)
    {
        var srp = new SrpClient();
        var challenge = await InitiateSrpAsync(username, srp);
        challenge.ShouldBeOk();
        var proof = Proof(challenge.Json, srp, password);
        if (deviceKey is not null)
        {
            proof["DEVICE_KEY"] = deviceKey;
        }

        return await RespondAsync("PASSWORD_VERIFIER", proof);
    }

    /// <summary>Answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER with a device secret, as the JS client's getDeviceResponse does.</summary>
    public async Task<WireResponse> ProveDeviceAsync(WireResponse deviceChallenge, string username, string deviceKey, string deviceGroupKey, string deviceSecret)
    {
        var srp = new SrpClient();
        var verifier = await RespondAsync("DEVICE_SRP_AUTH", new Dictionary<string, string?>
        {
            ["USERNAME"] = username,
            ["DEVICE_KEY"] = deviceKey,
            ["SRP_A"] = srp.SrpA,
        }, deviceChallenge.Json["Session"]!.GetValue<string>());
        if (verifier.Status != System.Net.HttpStatusCode.OK)
        {
            return verifier;
        }

        var parameters = verifier.Json["ChallengeParameters"]!;
        var block = parameters["SECRET_BLOCK"]!.GetValue<string>();
        var stamp = SrpClient.Timestamp(mock.Clock.GetUtcNow());
        var key = srp.Key(deviceGroupKey, deviceKey, deviceSecret, parameters["SALT"]!.GetValue<string>(), parameters["SRP_B"]!.GetValue<string>());
        return await RespondAsync("DEVICE_PASSWORD_VERIFIER", new Dictionary<string, string?>
        {
            ["USERNAME"] = username,
            ["PASSWORD_CLAIM_SECRET_BLOCK"] = block,
            ["TIMESTAMP"] = stamp,
            ["PASSWORD_CLAIM_SIGNATURE"] = SrpClient.Sign(key, deviceGroupKey, deviceKey, block, stamp),
            ["DEVICE_KEY"] = deviceKey,
        }, verifier.Json["Session"]!.GetValue<string>());
    }

    /// <summary>Confirms the device a sign-in was given, as the JS client does; returns its key, group key and secret.</summary>
    public async Task<(string Key, string GroupKey, string Secret, WireResponse Confirmation)> ConfirmNewDeviceAsync(WireResponse signedIn, string name = "test device")
    {
        var result = signedIn.Json["AuthenticationResult"]!;
        var key = result["NewDeviceMetadata"]!["DeviceKey"]!.GetValue<string>();
        var group = result["NewDeviceMetadata"]!["DeviceGroupKey"]!.GetValue<string>();
        var secret = Guid.NewGuid().ToString("N");
        var (verifier, salt) = SrpClient.DeviceVerifier(group, key, secret);
        var confirmation = await Wire.CallAsync("ConfirmDevice", new
        {
            AccessToken = result["AccessToken"]!.GetValue<string>(),
            DeviceKey = key,
            DeviceSecretVerifierConfig = new { PasswordVerifier = verifier, Salt = salt },
            DeviceName = name,
        }, signed: false);
        return (key, group, secret, confirmation);
    }

    public static string AccessToken(WireResponse signedIn) => signedIn.Json["AuthenticationResult"]!["AccessToken"]!.GetValue<string>();
}

/// <summary>The pool the sign-in tests start from: one per test, seeded.</summary>
internal static class SignInPool
{
    public const string Pool = "us-east-1_SignIn1";
    public const string PoolName = "SignIn1";
    public const string Client = "signinclient00000000000001";
    public const string SrpOnlyClient = "srponlyclient0000000000001";
    public const string SecretClient = "secretclient00000000000001";
    public const string Secret = "theclientsecret0000000000";
    public const string Password = "Passw0rd!";
    public const string AliceSub = "11111111-2222-4333-8444-555555555555";

    public static InProcessCognitoMock Start(bool promptToRemember = false, bool tracksDevices = true, Action<CognitoMockSettings>? configure = null)
    {
        var mock = InProcessCognitoMock.Start(configure);
        mock.Seed(Seed(promptToRemember, tracksDevices));
        return mock;
    }

    private static Seeding.SeedDocument Seed(bool promptToRemember, bool tracksDevices)
    {
        string[] allFlows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
        Seeding.SeedUser User(string name, string status = "CONFIRMED", bool enabled = true, string? sub = null, bool password = true) => new()
        {
            Username = name,
            Password = password ? Password : null,
            UserStatus = status,
            Enabled = enabled,
            Attributes =
            [
                .. sub is null ? Array.Empty<Seeding.SeedAttribute>() : [new() { Name = "sub", Value = sub }],
                new() { Name = "email", Value = $"{name}@example.com" },
                new() { Name = "email_verified", Value = "true" },
            ],
        };
        return new Seeding.SeedDocument
        {
            UserPools =
            [
                new Seeding.SeedUserPool
                {
                    Id = Pool,
                    Name = "sign-in",
                    AliasAttributes = ["email"],
                    DeviceConfiguration = tracksDevices
                        ? new Seeding.SeedDeviceConfiguration { DeviceOnlyRememberedOnUserPrompt = promptToRemember }
                        : null,
                    Clients =
                    [
                        new() { ClientId = Client, ClientName = "web", ExplicitAuthFlows = [.. allFlows] },
                        new() { ClientId = SrpOnlyClient, ClientName = "srp-only", ExplicitAuthFlows = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
                        new() { ClientId = SecretClient, ClientName = "server", ClientSecret = Secret, ExplicitAuthFlows = [.. allFlows] },
                    ],
                    Users =
                    [
                        User("alice", sub: AliceSub),
                        User("bob"),
                        User("disabled", enabled: false),
                        User("unconfirmed", "UNCONFIRMED"),
                        User("newbie", "FORCE_CHANGE_PASSWORD"),
                        User("resetme", "RESET_REQUIRED"),
                        User("nopassword", password: false),
                    ],
                },
            ],
        };
    }
}
