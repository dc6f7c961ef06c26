using CognitoMock.Randomness;
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

    public static string DemoSeed => Path.Combine(AppContext.BaseDirectory, "seed-data", "demo.json");

    public void Dispose() => Store.Dispose();
}
