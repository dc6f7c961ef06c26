using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Lifecycle;

/// <summary>A pool and app client as a self-service app has them, made through the API, and the calls its screens make.</summary>
internal sealed class SelfService
{
    public const string Password = Setup.Password;
    public const string NewPassword = "N3wPassw0rd!";

    private SelfService(InProcessCognitoMock mock, Wire wire, string pool, string clientId)
    {
        Mock = mock;
        Wire = wire;
        Pool = pool;
        ClientId = clientId;
    }

    public InProcessCognitoMock Mock { get; }

    public Wire Wire { get; }

    public string Pool { get; }

    public string ClientId { get; }

    /// <summary>
    /// A pool that verifies email (AutoVerifiedAttributes) unless <paramref name="pool"/> says otherwise, and a
    /// client that signs in with passwords and refresh tokens.
    /// </summary>
    public static async Task<SelfService> CreateAsync(InProcessCognitoMock mock, JsonObject? pool = null, JsonObject? client = null)
    {
        var wire = new Wire(mock);
        pool ??= [];
        pool["AutoVerifiedAttributes"] ??= new JsonArray("email");
        var poolId = await wire.CreatePoolAsync(pool);
        client ??= [];
        client["ExplicitAuthFlows"] ??= new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        var (clientId, _) = await wire.CreateClientAsync(poolId, client);
        return new SelfService(mock, wire, poolId, clientId);
    }

    public Task<WireResponse> CallAsync(string operation, object body) => Wire.CallAsync(operation, body, signed: false);

    public Task<WireResponse> SignUpAsync(string username, params (string Name, string Value)[] attributes) =>
        CallAsync("SignUp", new { ClientId, Username = username, Password, UserAttributes = attributes.Select(a => new { a.Name, a.Value }) });

    /// <summary>The code last sent to a user, as a test reads it from the outbox.</summary>
    public string CodeFor(string username) =>
        Mock.Messages.LastCodeFor(Pool, username) ?? throw new InvalidOperationException($"No code was sent to {username}.");

    /// <summary>SignUp with an email, then ConfirmSignUp with the code the email carried: a CONFIRMED user with a verified email.</summary>
    public async Task ConfirmedUserAsync(string username, string email)
    {
        (await SignUpAsync(username, ("email", email))).ShouldBeOk();
        (await CallAsync("ConfirmSignUp", new { ClientId, Username = username, ConfirmationCode = CodeFor(username) })).ShouldBeOk();
    }

    public Task<WireResponse> PasswordSignInAsync(string username, string password = Password) =>
        CallAsync("InitiateAuth", new { ClientId, AuthFlow = "USER_PASSWORD_AUTH", AuthParameters = new { USERNAME = username, PASSWORD = password } });

    /// <summary>A password sign-in that must succeed; its AuthenticationResult.</summary>
    public async Task<JsonNode> SignedInAsync(string username, string password = Password)
    {
        var response = await PasswordSignInAsync(username, password);
        response.ShouldBeOk();
        return response.Json["AuthenticationResult"]!;
    }

    public async Task<string> AccessTokenAsync(string username, string password = Password) =>
        (await SignedInAsync(username, password))["AccessToken"]!.GetValue<string>();

    public async Task<JsonObject> UserAsync(string username) => await Wire.GetUserAsync(Pool, username);

    public async Task<Dictionary<string, string>> AttributesAsync(string username) => Setup.Attributes((await UserAsync(username))["UserAttributes"]);
}
