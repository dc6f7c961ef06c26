using System.Text.Json;
using CognitoMock.Seeding;
using Json.Schema;

namespace CognitoMock.Tests.Seeding;

/// <summary>seed-data/seed.schema.json describes what the loader reads and the exporter writes.</summary>
public sealed class SeedSchemaTests
{
    private static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed-data", "seed.schema.json")));

    [Fact]
    public void TheDemoSeed_FitsTheSchema()
    {
        AssertValid(Parse(File.ReadAllText(TestBackend.DemoSeed)));
    }

    [Fact]
    public void AnExport_FitsTheSchema()
    {
        using var test = TestBackend.Demo();
        new Seeder(test.Backend).Load(SeedGenerator.Generate(new GeneratorOptions(Pools: 3, Users: 5), "us-east-1"), "generated");

        AssertValid(Parse(JsonSerializer.Serialize(SeedExporter.Export(test.Store), SeedJsonContext.Default.SeedDocument)));
    }

    [Fact]
    public void AnExport_OfStateMadeThroughTheApi_FitsTheSchema()
    {
        using var test = new TestBackend();
        ApiMadeState.Build(test);

        AssertValid(Parse(JsonSerializer.Serialize(SeedExporter.Export(test.Store), SeedJsonContext.Default.SeedDocument)));
    }

    [Fact]
    public void TheSchema_RefusesWhatTheLoaderRefuses()
    {
        var misspelt = Parse("""{ "UserPools": [ { "Name": "x", "Users": [ { "Usrname": "a" } ] } ] }""");
        var both = Parse("""{ "UserPools": [ { "Name": "x", "AliasAttributes": ["email"], "UsernameAttributes": ["email"] } ] }""");
        var badSetting = Parse("""{ "UserPools": [ { "Name": "x", "MfaConfiguration": "SOMETIMES" } ] }""");

        Schema.Evaluate(misspelt).IsValid.Should().BeFalse();
        Schema.Evaluate(both).IsValid.Should().BeFalse();
        Schema.Evaluate(badSetting).IsValid.Should().BeFalse();
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static void AssertValid(JsonElement document)
    {
        var result = Schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        result.IsValid.Should().BeTrue(string.Join("\n", errors));
    }
}
