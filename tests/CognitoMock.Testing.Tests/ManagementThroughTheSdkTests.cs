using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Protocol;
using CognitoMock.Testing.Tests.Support;

namespace CognitoMock.Testing.Tests;

/// <summary>A mock that starts empty and is given its state through the AWS SDK pipeline, as moto is.</summary>
public sealed class ManagementThroughTheSdkTests
{
    [Fact]
    public async Task AnEmptyMock_BuildsItsStateThroughTheApi()
    {
        using var mock = InProcessCognitoMock.Start();
        using var client = Client(mock);

        var pool = (await CallAsync(client, "CreateUserPool", new { PoolName = "built", AliasAttributes = new[] { "email" } }))["UserPool"]!["Id"]!.GetValue<string>();
        var appClient = (await CallAsync(client, "CreateUserPoolClient", new { UserPoolId = pool, ClientName = "app" }))["UserPoolClient"]!["ClientId"]!.GetValue<string>();
        await CallAsync(client, "AdminCreateUser", new
        {
            UserPoolId = pool,
            Username = "alice",
            MessageAction = "SUPPRESS",
            UserAttributes = new[] { new { Name = "email", Value = "alice@example.com" }, new { Name = "email_verified", Value = "true" } },
        });
        await CallAsync(client, "AdminSetUserPassword", new { UserPoolId = pool, Username = "alice", Password = "Passw0rd!", Permanent = true });
        await CallAsync(client, "SignUp", new { ClientId = appClient, Username = "bob", Password = "Passw0rd!" });

        var alice = await CallAsync(client, "AdminGetUser", new { UserPoolId = pool, Username = "alice@example.com" });
        var users = await CallAsync(client, "ListUsers", new { UserPoolId = pool });

        mock.Backend.Store.IsEmpty.Should().BeFalse();
        alice["Username"]!.GetValue<string>().Should().Be("alice");
        alice["UserStatus"]!.GetValue<string>().Should().Be("CONFIRMED");
        users["Users"]!.AsArray().Select(u => (u!["Username"]!.GetValue<string>(), u["UserStatus"]!.GetValue<string>()))
            .Should().Equal(("alice", "CONFIRMED"), ("bob", "UNCONFIRMED"));
    }

    [Fact]
    public async Task EveryWrite_OutlivesTheMock_OnItsDataFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cognitomock-{Guid.NewGuid():N}.db");
        try
        {
            string before;
            using (var mock = InProcessCognitoMock.Start(s => s.DataPath = path))
            using (var client = Client(mock))
            {
                await WriteEverythingAsync(client);
                before = await ReadEverythingAsync(client);
            }

            using var reopened = InProcessCognitoMock.Start(s => s.DataPath = path);
            using var reader = Client(reopened);
            var after = await ReadEverythingAsync(reader);

            after.Should().Be(before);
            var state = JsonNode.Parse(after)!;
            state["pools"]!.AsArray().Select(p => p!["Name"]!.GetValue<string>()).Should().Equal("kept, renamed");
            var kept = state["details"]![0]!;
            kept["pool"]!["UserPool"]!["MfaConfiguration"]!.GetValue<string>().Should().Be("OPTIONAL");
            kept["pool"]!["UserPool"]!["EstimatedNumberOfUsers"]!.GetValue<int>().Should().Be(3);
            kept["clients"]!.AsArray().Select(c => c!["UserPoolClient"]!["ClientName"]!.GetValue<string>()).Should().Equal("updated");
            var users = kept["users"]!["Users"]!.AsArray().ToDictionary(u => u!["Username"]!.GetValue<string>(), u => u!);
            users.Keys.Should().BeEquivalentTo("alice", "carol", "dave");
            Attributes(users["alice"]).Should().Contain("given_name", "Alice").And.NotContainKey("family_name");
            users["alice"]["UserStatus"]!.GetValue<string>().Should().Be("CONFIRMED");
            users["carol"]["Enabled"]!.GetValue<bool>().Should().BeFalse();
            users["dave"]["UserStatus"]!.GetValue<string>().Should().Be("CONFIRMED");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task InStrictMode_TheSdksSignature_IsAccepted()
    {
        using var mock = InProcessCognitoMock.Start(s =>
        {
            s.Authentication = AuthenticationMode.Strict;
            s.Credentials["test"] = "test";
        });
        using var client = Client(mock);

        var pool = (await CallAsync(client, "CreateUserPool", new { PoolName = "signed" }))["UserPool"]!["Id"]!.GetValue<string>();

        (await CallAsync(client, "ListUserPools", new { MaxResults = 10 }))["UserPools"]!.AsArray()
            .Select(p => p!["Id"]!.GetValue<string>()).Should().Equal(pool);
    }

    private static async Task WriteEverythingAsync(MiniCognitoClient client)
    {
        var pool = (await CallAsync(client, "CreateUserPool", new { PoolName = "kept" }))["UserPool"]!["Id"]!.GetValue<string>();
        var gone = (await CallAsync(client, "CreateUserPool", new { PoolName = "gone" }))["UserPool"]!["Id"]!.GetValue<string>();
        await CallAsync(client, "UpdateUserPool", new { UserPoolId = pool, PoolName = "kept, renamed", MfaConfiguration = "OPTIONAL" });
        await CallAsync(client, "DeleteUserPool", new { UserPoolId = gone });

        var app = (await CallAsync(client, "CreateUserPoolClient", new { UserPoolId = pool, ClientName = "app" }))["UserPoolClient"]!["ClientId"]!.GetValue<string>();
        var other = (await CallAsync(client, "CreateUserPoolClient", new { UserPoolId = pool, ClientName = "other" }))["UserPoolClient"]!["ClientId"]!.GetValue<string>();
        await CallAsync(client, "UpdateUserPoolClient", new { UserPoolId = pool, ClientId = app, ClientName = "updated" });
        await CallAsync(client, "DeleteUserPoolClient", new { UserPoolId = pool, ClientId = other });

        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await CallAsync(client, "AdminCreateUser", new { UserPoolId = pool, Username = name, MessageAction = "SUPPRESS" });
        }

        await CallAsync(client, "AdminUpdateUserAttributes", new
        {
            UserPoolId = pool,
            Username = "alice",
            UserAttributes = new[] { new { Name = "given_name", Value = "Alice" }, new { Name = "family_name", Value = "Smith" } },
        });
        await CallAsync(client, "AdminDeleteUserAttributes", new { UserPoolId = pool, Username = "alice", UserAttributeNames = new[] { "family_name" } });
        await CallAsync(client, "AdminSetUserPassword", new { UserPoolId = pool, Username = "alice", Password = "Passw0rd!", Permanent = true });
        await CallAsync(client, "AdminDeleteUser", new { UserPoolId = pool, Username = "bob" });
        await CallAsync(client, "AdminDisableUser", new { UserPoolId = pool, Username = "carol" });
        await CallAsync(client, "AdminEnableUser", new { UserPoolId = pool, Username = "alice" });
        await CallAsync(client, "SignUp", new { ClientId = app, Username = "dave", Password = "Passw0rd!" });
        await CallAsync(client, "AdminConfirmSignUp", new { UserPoolId = pool, Username = "dave" });
    }

    /// <summary>Everything a client can read of the state, as one JSON document.</summary>
    private static async Task<string> ReadEverythingAsync(MiniCognitoClient client)
    {
        var pools = (await CallAsync(client, "ListUserPools", new { MaxResults = 60 }))["UserPools"]!.AsArray();
        var details = new JsonArray();
        foreach (var id in pools.Select(p => p!["Id"]!.GetValue<string>()))
        {
            var clients = new JsonArray();
            foreach (var clientId in (await CallAsync(client, "ListUserPoolClients", new { UserPoolId = id }))["UserPoolClients"]!.AsArray().Select(c => c!["ClientId"]!.GetValue<string>()))
            {
                clients.Add(await CallAsync(client, "DescribeUserPoolClient", new { UserPoolId = id, ClientId = clientId }));
            }

            details.Add(new JsonObject
            {
                ["pool"] = await CallAsync(client, "DescribeUserPool", new { UserPoolId = id }),
                ["clients"] = clients,
                ["users"] = await CallAsync(client, "ListUsers", new { UserPoolId = id }),
            });
        }

        return new JsonObject { ["pools"] = pools.DeepClone(), ["details"] = details }.ToJsonString();
    }

    private static MiniCognitoClient Client(InProcessCognitoMock mock)
    {
        var config = new MiniCognitoConfig();
        mock.ConfigureClient(config);
        return new MiniCognitoClient(config);
    }

    private static async Task<JsonNode> CallAsync(MiniCognitoClient client, string operation, object request) =>
        JsonNode.Parse((await client.CallAsync(operation, System.Text.Json.JsonSerializer.Serialize(request))).Json)!;

    private static Dictionary<string, string> Attributes(JsonNode user) =>
        user["Attributes"]!.AsArray().ToDictionary(a => a!["Name"]!.GetValue<string>(), a => a!["Value"]!.GetValue<string>());
}
