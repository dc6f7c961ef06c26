using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace CognitoMock.Server.Tests;

/// <summary>
/// Issue 8: sixteen clients, each on its own connection to the standalone binary, run a mix of reads and
/// writes for a fixed time. No answer is a 5xx, no update is lost, and every alias has exactly one winner.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Clients = 16;
    private const int SharedUsers = 8;
    private const string Pool = "us-east-1_Concur1";
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SixteenClients_MixingReadsAndWrites_GetNo5xx_LoseNoUpdate_AndEachAliasHasOneWinner()
    {
        using var folder = new TempFolder();
        var seed = folder.File("concurrency.json");
        await File.WriteAllTextAsync(seed, Seed());
        using var server = await ServerProcess.StartAsync(folder.Path, null, "--port", "0", "--data", folder.File("concurrency.db"), "--seed", seed);

        var unexpected = new ConcurrentQueue<string>();
        var claims = new ConcurrentDictionary<string, ConcurrentBag<string>>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, Clients).Select(i => Task.Run(() => RunClientAsync(server.Url, i, clock, unexpected, claims))).ToArray();
        var written = await Task.WhenAll(clients);

        unexpected.Should().BeEmpty();
        written.Sum(w => w.Requests).Should().BeGreaterThan(Clients * 20, "every client kept working for the whole run");

        // Every client's last value of its own attribute is on every shared user: no write undid another.
        using var check = new HttpClient { BaseAddress = server.Url };
        for (var u = 0; u < SharedUsers; u++)
        {
            var user = JsonNode.Parse((await ServerProcess.CallAsync(check, "AdminGetUser", new { UserPoolId = Pool, Username = $"shared{u}" })).Body)!;
            var attributes = user["UserAttributes"]!.AsArray().ToDictionary(a => a!["Name"]!.GetValue<string>(), a => a!["Value"]!.GetValue<string>());
            for (var i = 0; i < Clients; i++)
            {
                attributes.GetValueOrDefault($"custom:c{i}").Should().Be(written[i].LastValues[u], $"client {i}'s last acknowledged write to shared{u}");
            }
        }

        // Each contested address went to exactly one of the users that tried it, and it finds that user.
        claims.Should().NotBeEmpty();
        foreach (var (address, winners) in claims)
        {
            winners.Should().ContainSingle($"exactly one claim of {address} succeeds");
            var found = JsonNode.Parse((await ServerProcess.CallAsync(check, "AdminGetUser", new { UserPoolId = Pool, Username = address })).Body)!;
            found["Username"]!.GetValue<string>().Should().Be(winners.Single());
        }
    }

    private static async Task<(int Requests, string?[] LastValues)> RunClientAsync(
        Uri url, int client, Stopwatch clock, ConcurrentQueue<string> unexpected, ConcurrentDictionary<string, ConcurrentBag<string>> claims)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = url };
        var lastValues = new string?[SharedUsers];
        var requests = 0;
        for (var n = 0; clock.Elapsed < RunFor; n++)
        {
            var shared = $"shared{(n + client) % SharedUsers}";
            var value = $"{client}-{n}";
            Expect(await ServerProcess.CallAsync(http, "AdminUpdateUserAttributes", new
            {
                UserPoolId = Pool,
                Username = shared,
                UserAttributes = new[] { new { Name = $"custom:c{client}", Value = value } },
            }), HttpStatusCode.OK, null, unexpected);
            lastValues[(n + client) % SharedUsers] = value;

            Expect(await ServerProcess.CallAsync(http, "AdminGetUser", new { UserPoolId = Pool, Username = shared }), HttpStatusCode.OK, null, unexpected);
            Expect(await ServerProcess.CallAsync(http, "AdminListDevices", new { UserPoolId = Pool, Username = $"{shared}@example.com", Limit = 2 }), HttpStatusCode.OK, null, unexpected);
            Expect(await ServerProcess.CallAsync(http, "ListUsers", new { UserPoolId = Pool, Limit = 5 }), HttpStatusCode.OK, null, unexpected);
            requests += 4;

            // Every few rounds, a new user of this client claims the round's address, as every other client does.
            if (n % 4 == 0)
            {
                var claimant = $"claim-{client}-{n}";
                var address = $"race-{n / 4}@example.com";
                Expect(await ServerProcess.CallAsync(http, "AdminCreateUser", new { UserPoolId = Pool, Username = claimant, MessageAction = "SUPPRESS" }), HttpStatusCode.OK, null, unexpected);
                var claim = await ServerProcess.CallAsync(http, "AdminUpdateUserAttributes", new
                {
                    UserPoolId = Pool,
                    Username = claimant,
                    UserAttributes = new[] { new { Name = "email", Value = address }, new { Name = "email_verified", Value = "true" } },
                });
                var outcomes = claims.GetOrAdd(address, _ => []);
                if (claim.Status == HttpStatusCode.OK)
                {
                    outcomes.Add(claimant);
                }
                else
                {
                    Expect(claim, HttpStatusCode.BadRequest, "AliasExistsException", unexpected);
                }

                requests += 2;
            }
        }

        return (requests, lastValues);
    }

    private static void Expect((HttpStatusCode Status, string Body) response, HttpStatusCode status, string? type, ConcurrentQueue<string> unexpected)
    {
        if (response.Status != status || (type is not null && JsonNode.Parse(response.Body)?["__type"]?.GetValue<string>() != type))
        {
            unexpected.Enqueue($"{(int)response.Status} {response.Body}");
        }
    }

    private static string Seed()
    {
        var schema = Enumerable.Range(0, Clients).Select(i => new JsonObject { ["Name"] = $"c{i}", ["AttributeDataType"] = "String", ["Mutable"] = true });
        var users = Enumerable.Range(0, SharedUsers).Select(u => new JsonObject
        {
            ["Username"] = $"shared{u}",
            ["Attributes"] = new JsonArray(
                new JsonObject { ["Name"] = "email", ["Value"] = $"shared{u}@example.com" },
                new JsonObject { ["Name"] = "email_verified", ["Value"] = "true" }),
            ["Devices"] = new JsonArray(Enumerable.Range(0, 3).Select(d => (JsonNode)new JsonObject
            {
                ["DeviceKey"] = $"us-east-1_{u:D8}-0000-4000-8000-{d:D12}",
                ["DeviceName"] = $"device {d}",
            }).ToArray()),
        });
        var pool = new JsonObject
        {
            ["Id"] = Pool,
            ["Name"] = "concurrency",
            ["AliasAttributes"] = new JsonArray("email"),
            ["Schema"] = new JsonArray(schema.Select(s => (JsonNode)s).ToArray()),
            ["Users"] = new JsonArray(users.Select(u => (JsonNode)u).ToArray()),
        };
        return new JsonObject { ["UserPools"] = new JsonArray(pool) }.ToJsonString();
    }
}
