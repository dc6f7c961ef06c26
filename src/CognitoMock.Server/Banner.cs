using CognitoMock.AspNetCore;
using CognitoMock.Seeding;

namespace CognitoMock.Server;

/// <summary>What the server prints once it listens: its state, and a call to try that works as printed.</summary>
internal static class Banner
{
    public static void Print(TextWriter output, CognitoBackend backend, CognitoMockSettings settings, IReadOnlyList<SeedSummary>? loaded, string url)
    {
        var store = backend.Store;
        output.WriteLine($"data: {Path.GetFullPath(settings.DataPath!)}");
        output.WriteLine(loaded switch
        {
            null => "state: kept from the data file (seeds load only into an empty one; --reset empties it)",
            { Count: 0 } => "state: empty",
            _ => $"state: loaded {loaded.Sum(l => l.UserPoolIds.Count)} user pools, {loaded.Sum(l => l.Users)} users, {loaded.Sum(l => l.Devices)} devices",
        });

        var example = default((string Pool, string User)?);
        output.WriteLine("user pools:");
        foreach (var pool in store.AllPools())
        {
            var kind = pool.UsernameAttributes.Count > 0 ? $"username attributes: {string.Join(", ", pool.UsernameAttributes)}"
                : pool.AliasAttributes.Count > 0 ? $"aliases: {string.Join(", ", pool.AliasAttributes)}"
                : "usernames only";
            output.WriteLine($"  {pool.Id}  {pool.Name}  ({kind}{(pool.CaseSensitive ? "" : "; case-insensitive")})");
            example ??= store.UsersOf(pool.Id).Where(u => store.DevicePage(u.Id, false, null, 1).Count > 0)
                .Select(u => ((string Pool, string User)?)(pool.Id, u.Username)).FirstOrDefault();
        }

        if (example is { } call)
        {
            output.WriteLine("try:");
            output.WriteLine($"  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws cognito-idp admin-list-devices --region {backend.Options.Region} " +
                $"--endpoint-url {url} --user-pool-id {call.Pool} --username '{call.User}'");
        }

        output.WriteLine(StopHint);
    }

    /// <summary>What the server says when it binds anything but loopback: it is a test double, not a security boundary.</summary>
    public static string? ExposureWarning(string host) => System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(host))
        ? null
        : $"warning: CognitoMock listens on {host}, reachable from other machines. " +
          "It is a test double with no real security: anyone who reaches it can read and change its state.";

    /// <summary>The banner's last line.</summary>
    public const string StopHint = "Press Ctrl+C to stop.";
}
