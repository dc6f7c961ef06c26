using CognitoMock.Seeding;

namespace CognitoMock.AspNetCore;

/// <summary>What a host does once before it serves: load the configured seeds into an empty store.</summary>
public static class CognitoMockStartup
{
    /// <summary>
    /// Loads the seed files, seed documents and generated data of the settings, in that order, if the store
    /// is empty. A store that already has state keeps it: seeds initialise a fresh store, so restarting on the
    /// same file with the same arguments neither duplicates nor fails. Null means the store was not empty.
    /// </summary>
    public static IReadOnlyList<SeedSummary>? Seed(CognitoBackend backend, CognitoMockSettings settings)
    {
        if (!backend.Store.IsEmpty)
        {
            return null;
        }

        var seeder = new Seeder(backend);
        var loaded = new List<SeedSummary>();
        loaded.AddRange(settings.SeedFiles.Select(seeder.LoadFile));
        loaded.AddRange(settings.SeedDocuments.Select((document, i) => seeder.Load(document, $"seed document {i}")));
        if (settings.Generate is { } generate)
        {
            loaded.Add(seeder.Load(SeedGenerator.Generate(generate, backend.Options.Region), $"generated data ({generate})"));
        }

        return loaded;
    }
}
