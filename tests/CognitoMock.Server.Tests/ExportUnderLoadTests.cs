using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoMock.Randomness;
using CognitoMock.Seeding;
using CognitoMock.Storage;

namespace CognitoMock.Server.Tests;

/// <summary>
/// An export is one consistent snapshot and harms nothing else (issue "Hardening", defect 1): eight writers and a
/// stream of exports, some abandoned by their clients mid-body, for 20 seconds against the binary. No answer is a
/// 5xx, every whole export loads into an empty mock and keeps the store's invariants, the server logs no error,
/// and the data file passes --check afterwards. Reset and seed racing them do the same.
/// </summary>
public sealed class ExportUnderLoadTests
{
    private const int Writers = 8;
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ExportsDuringWrites_IncludingAbandonedOnes_AreConsistentSnapshots_AndHarmNothing()
    {
        using var folder = new TempFolder();
        var data = folder.File("export.db");
        var failures = new ConcurrentQueue<string>();
        var exports = new ConcurrentBag<string>();
        var (server, pool, users) = await StartAsync(folder, data);
        using (server)
        {
            var clock = Stopwatch.StartNew();
            // The tester's burst first: forty exports at once.
            await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => ExportAsync(server.Url, abandonAfter: null, exports, failures)));
            await Task.WhenAll(
                Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(server.Url, pool, users, w, clock, failures)))
                    .Concat(Enumerable.Range(0, 4).Select(e => Task.Run(() => ExportLoopAsync(server.Url, e, clock, exports, failures)))));

            failures.Should().BeEmpty();
            server.Output.Should().NotContain("fail:").And.NotContain("Exception");
        }

        exports.Should().HaveCountGreaterThan(50);
        EachLoadsIntoAnEmptyMock(exports);
        await CheckPassesAsync(folder, data);
    }

    [Fact]
    public async Task ResetAndSeed_RacingWritersAndExports_GetNo5xx_AndLeaveAFileThatPassesCheck()
    {
        using var folder = new TempFolder();
        var data = folder.File("reset.db");
        var failures = new ConcurrentQueue<string>();
        var exports = new ConcurrentBag<string>();
        var (server, pool, users) = await StartAsync(folder, data);
        using (server)
        {
            var clock = Stopwatch.StartNew();
            var seed = JsonSerializer.Serialize(new { UserPools = new[] { new { Id = "us-east-1_Reseeded1", Name = "reseeded", Users = new[] { new { Username = "one" } } } } });
            await Task.WhenAll(
                Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(server.Url, pool, users, w, clock, failures, whilePoolMayVanish: true)))
                    .Concat(Enumerable.Range(0, 2).Select(e => Task.Run(() => ExportLoopAsync(server.Url, e, clock, exports, failures))))
                    .Append(Task.Run(() => ResetAndSeedLoopAsync(server.Url, seed, clock, failures))));

            failures.Should().BeEmpty();
            server.Output.Should().NotContain("fail:").And.NotContain("Exception");
        }

        EachLoadsIntoAnEmptyMock(exports);
        await CheckPassesAsync(folder, data);
    }

    /// <summary>Every whole export is a state the store could hold: it loads, and its invariants hold once loaded.</summary>
    private static void EachLoadsIntoAnEmptyMock(IEnumerable<string> exports)
    {
        foreach (var export in exports)
        {
            using var store = Store.Open(null);
            var backend = new CognitoBackend(store, new CognitoMockOptions(), TimeProvider.System, new SeededRandomness(1));
            new Seeder(backend).LoadJson(new MemoryStream(Encoding.UTF8.GetBytes(export)), "export");
            store.CheckInvariants().Problems.Should().BeEmpty();
        }
    }

    private static async Task CheckPassesAsync(TempFolder folder, string data)
    {
        var (exitCode, output) = await ServerProcess.RunToExitAsync(folder.Path, "--check", "--data", data);
        exitCode.Should().Be(0, output);
    }

    /// <summary>Empties the state and seeds it again, over and over, while the others work.</summary>
    private static async Task ResetAndSeedLoopAsync(Uri url, string seed, Stopwatch clock, ConcurrentQueue<string> failures)
    {
        using var http = new HttpClient { BaseAddress = url };
        while (clock.Elapsed < RunFor)
        {
            using var reset = await http.PostAsync("/_mock/reset", null);
            if (reset.StatusCode != HttpStatusCode.OK)
            {
                failures.Enqueue($"reset: {(int)reset.StatusCode}");
            }

            using var seeded = await http.PostAsync("/_mock/seed", new StringContent(seed, Encoding.UTF8, "application/json"));
            if ((int)seeded.StatusCode >= 500)
            {
                failures.Enqueue($"seed: {(int)seeded.StatusCode} {await seeded.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<(ServerProcess Server, string Pool, List<string> Users)> StartAsync(TempFolder folder, string data)
    {
        var server = await ServerProcess.StartAsync(folder.Path, null, "--port", "0", "--data", data, "--generate", "pools=1,users=200,devices=5,seed=1");
        using var http = new HttpClient { BaseAddress = server.Url };
        var pool = JsonNode.Parse((await ServerProcess.CallAsync(http, "ListUserPools", new { MaxResults = 10 })).Body)!["UserPools"]![0]!["Id"]!.GetValue<string>();
        var listed = JsonNode.Parse((await ServerProcess.CallAsync(http, "ListUsers", new { UserPoolId = pool, Limit = 60 })).Body)!["Users"]!.AsArray();
        return (server, pool, [.. listed.Select(u => u!["Username"]!.GetValue<string>())]);
    }

    /// <summary>
    /// Changes a user's name, and makes and deletes users of its own, so the pool's count moves too. Where a reset
    /// may take the pool away, a 4xx is a right answer; a 5xx never is.
    /// </summary>
    private static async Task WriteAsync(
        Uri url, string pool, List<string> users, int writer, Stopwatch clock, ConcurrentQueue<string> failures, bool whilePoolMayVanish = false)
    {
        using var http = new HttpClient { BaseAddress = url };
        for (var n = 0; clock.Elapsed < RunFor; n++)
        {
            Expect(await ServerProcess.CallAsync(http, "AdminUpdateUserAttributes", new
            {
                UserPoolId = pool,
                Username = users[(writer * 7 + n) % users.Count],
                UserAttributes = new[] { new { Name = "given_name", Value = $"w{writer}-{n}" } },
            }), failures, whilePoolMayVanish);
            var made = $"writer{writer}-{n}";
            Expect(await ServerProcess.CallAsync(http, "AdminCreateUser", new { UserPoolId = pool, Username = made, MessageAction = "SUPPRESS" }), failures, whilePoolMayVanish);
            if (n % 2 == 0)
            {
                Expect(await ServerProcess.CallAsync(http, "AdminDeleteUser", new { UserPoolId = pool, Username = made }), failures, whilePoolMayVanish);
            }
        }
    }

    /// <summary>Exports as long as the writers write; every third one is dropped after a few kilobytes.</summary>
    private static async Task ExportLoopAsync(Uri url, int exporter, Stopwatch clock, ConcurrentBag<string> exports, ConcurrentQueue<string> failures)
    {
        for (var n = 0; clock.Elapsed < RunFor; n++)
        {
            await ExportAsync(url, (n + exporter) % 3 == 0 ? 4096 : null, exports, failures);
        }
    }

    private static async Task ExportAsync(Uri url, int? abandonAfter, ConcurrentBag<string> exports, ConcurrentQueue<string> failures)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var response = await http.GetAsync("/_mock/export", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Enqueue($"export: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return;
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        if (abandonAfter is { } bytes)
        {
            await body.ReadAtLeastAsync(new byte[bytes], bytes, throwOnEndOfStream: false);
            return;
        }

        using var reader = new StreamReader(body, Encoding.UTF8);
        exports.Add(await reader.ReadToEndAsync());
    }

    private static void Expect((HttpStatusCode Status, string Body) response, ConcurrentQueue<string> failures, bool clientErrorsAllowed = false)
    {
        if (response.Status != HttpStatusCode.OK && !(clientErrorsAllowed && (int)response.Status is >= 400 and < 500))
        {
            failures.Enqueue($"{(int)response.Status} {response.Body}");
        }
    }

}
