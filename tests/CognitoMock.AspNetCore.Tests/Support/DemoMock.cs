using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Support;

/// <summary>Paths to the repository's seed files, copied beside the tests.</summary>
internal static class SeedFiles
{
    public static string Demo => Path.Combine(AppContext.BaseDirectory, "seed-data", "demo.json");
}

/// <summary>A mock seeded with the demo data, shared by a test class that only reads.</summary>
public sealed class DemoMock() : CognitoMockFixture(s => s.SeedFiles.Add(SeedFiles.Demo));
