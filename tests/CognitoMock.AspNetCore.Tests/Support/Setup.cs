using System.Text.Json.Nodes;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Support;

/// <summary>A mock that starts empty; each test builds its own pool in it through the API.</summary>
public sealed class EmptyMock : CognitoMockFixture;

/// <summary>The state a test needs, made through the API as a client would make it.</summary>
internal static class Setup
{
    public const string Password = "Passw0rd!";

    /// <summary>CreateUserPool with a name and <paramref name="settings"/>; the new pool's ID.</summary>
    public static async Task<string> CreatePoolAsync(this Wire wire, JsonObject? settings = null)
    {
        settings ??= [];
        settings["PoolName"] ??= "test pool";
        var response = await wire.CallAsync("CreateUserPool", settings);
        response.ShouldBeOk();
        return response.Json["UserPool"]!["Id"]!.GetValue<string>();
    }

    /// <summary>CreateUserPoolClient; the client's ID and secret (null without one).</summary>
    public static async Task<(string ClientId, string? ClientSecret)> CreateClientAsync(this Wire wire, string poolId, JsonObject? settings = null)
    {
        settings ??= [];
        settings["UserPoolId"] = poolId;
        settings["ClientName"] ??= "app";
        var response = await wire.CallAsync("CreateUserPoolClient", settings);
        response.ShouldBeOk();
        var client = response.Json["UserPoolClient"]!;
        return (client["ClientId"]!.GetValue<string>(), client["ClientSecret"]?.GetValue<string>());
    }

    /// <summary>AdminCreateUser with a temporary password and no message; the created user as the response shows it.</summary>
    public static async Task<JsonNode> CreateUserAsync(this Wire wire, string poolId, string username, params (string Name, string Value)[] attributes)
    {
        var response = await wire.CallAsync("AdminCreateUser", new
        {
            UserPoolId = poolId,
            Username = username,
            MessageAction = "SUPPRESS",
            TemporaryPassword = Password,
            UserAttributes = attributes.Select(a => new { a.Name, a.Value }),
        });
        response.ShouldBeOk();
        return response.Json["User"]!;
    }

    public static async Task<JsonObject> GetUserAsync(this Wire wire, string poolId, string username)
    {
        var response = await wire.CallAsync("AdminGetUser", new { UserPoolId = poolId, Username = username });
        response.ShouldBeOk();
        return response.Json;
    }

    public static async Task UpdateAttributesAsync(this Wire wire, string poolId, string username, params (string Name, string Value)[] attributes)
    {
        var response = await wire.CallAsync("AdminUpdateUserAttributes", new
        {
            UserPoolId = poolId,
            Username = username,
            UserAttributes = attributes.Select(a => new { a.Name, a.Value }),
        });
        response.ShouldBeOk();
    }

    /// <summary>An attribute list (UserAttributes, Attributes, DeviceAttributes) as name to value.</summary>
    public static Dictionary<string, string> Attributes(JsonNode? list) =>
        list!.AsArray().ToDictionary(a => a!["Name"]!.GetValue<string>(), a => a!["Value"]!.GetValue<string>());

    public static string Sub(JsonNode user) => Attributes(user["Attributes"] ?? user["UserAttributes"])["sub"];
}
