using CognitoMock.Randomness;
using CognitoMock.Seeding;
using CognitoMock.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CognitoMock.Tests;

/// <summary>An engine over an in-memory store, a fake clock and seeded randomness.</summary>
internal sealed class TestBackend : IDisposable
{
    public TestBackend(string? path = null)
    {
        Store = Store.Open(path);
        Backend = new CognitoBackend(Store, new CognitoMockOptions(), Clock, new SeededRandomness(7));
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    public Store Store { get; }

    public CognitoBackend Backend { get; }

    /// <summary>The subs of alice and bob, users of the demo seed's pool us-east-1_DemoAlias.</summary>
    public const string AliceSub = "5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e";
    public const string BobSub = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    /// <summary>The storage identity of the pool's user with this sub.</summary>
    public string UserId(string userPoolId, string sub) => Store.FindUserBySub(userPoolId, sub)!.Id;

    /// <summary>The storage identities of the demo seed's alice and bob.</summary>
    public string AliceId => UserId("us-east-1_DemoAlias", AliceSub);

    public string BobId => UserId("us-east-1_DemoAlias", BobSub);

    public static string DemoSeed => Path.Combine(AppContext.BaseDirectory, "seed-data", "demo.json");

    /// <summary>A backend with the demo seed loaded, in memory or in the file at <paramref name="path"/>.</summary>
    public static TestBackend Demo(string? path = null)
    {
        var test = new TestBackend(path);
        new Seeder(test.Backend).LoadFile(DemoSeed);
        return test;
    }

    /// <summary>Runs <paramref name="test"/> with the path of a new data file, and deletes the file and its log after.</summary>
    public static void WithDataFile(string prefix, Action<string> test)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");
        try
        {
            test(path);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileNameWithoutExtension(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    public void Dispose() => Store.Dispose();
}
