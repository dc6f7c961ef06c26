using System.Text;
using System.Text.Json;
using CognitoMock.Seeding;

namespace CognitoMock.Tests.Seeding;

/// <summary>
/// A seed read from a file (any stream the loader can seek in) streams its users: the same state as the whole
/// document gives, whatever the order of a pool's members, across the reader's buffer boundaries, with errors
/// at their paths deep in the file.
/// </summary>
public sealed class SeedFileReaderTests
{
    private static readonly GeneratorOptions Generated = new(Pools: 2, Users: 1_500, Devices: 3, Passwords: 2);

    [Fact]
    public void ALargeExport_LoadedFromAFile_IsTheSameState_AsTheWholeDocumentGives()
    {
        using var original = new TestBackend();
        new Seeder(original.Backend).Load(SeedGenerator.Generate(Generated, "us-east-1"), "generated");
        var exported = Export(original);
        Encoding.UTF8.GetByteCount(exported).Should().BeGreaterThan(1 << 20, "the users span many of the reader's 64 KB buffers");

        using var copy = new TestBackend();
        var summary = new Seeder(copy.Backend).LoadJson(new MemoryStream(Encoding.UTF8.GetBytes(exported)), "export.json");

        (summary.Users, summary.Devices).Should().Be((3_000, 9_000));
        Export(copy).Should().Be(exported);
    }

    [Fact]
    public void UsersBeforeThePoolsOtherMembers_WithABomCommentsAndTrailingCommas_LoadTheSame()
    {
        var json = """
            // a hand-written seed
            { "UserPools": [
              { "Users": [ { "Username": "ann", "Attributes": [ { "Name": "email", "Value": "ann@example.com" }, ], }, /* two */ { "Username": "ben" } ],
                "Id": "us-east-1_Order1", "Name": "users first", "AliasAttributes": ["email"] },
              { "Id": "us-east-1_Order2", "Name": "no users" },
            ] }
            """;
        using var test = new TestBackend();

        var summary = new Seeder(test.Backend).LoadJson(new MemoryStream([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)]), "order.json");

        summary.UserPoolIds.Should().Equal("us-east-1_Order1", "us-east-1_Order2");
        summary.Users.Should().Be(2);
        CognitoBackend.ResolveUser(test.Store, test.Store.GetPool("us-east-1_Order1")!, "ann").Username.Should().Be("ann");
    }

    [Theory]
    [InlineData("\"Colour\": \"red\"", "$.UserPools[1].Users[1234].Colour")]
    [InlineData("\"Enabled\": \"yes\"", "$.UserPools[1].Users[1234].Enabled")]
    public void ABadUserDeepInTheFile_IsRefusedAtItsPath_AndNothingLoads(string member, string path)
    {
        using var original = new TestBackend();
        new Seeder(original.Backend).Load(SeedGenerator.Generate(Generated, "us-east-1"), "generated");
        var document = JsonSerializer.SerializeToNode(SeedExporter.Export(original.Store), SeedJsonContext.Default.SeedDocument)!;
        var user = document["UserPools"]![1]!["Users"]![1234]!.AsObject();
        var (name, value) = (member.Split(':')[0].Trim('"', ' '), JsonDocument.Parse(member.Split(':', 2)[1]).RootElement.Clone());
        user[name] = System.Text.Json.Nodes.JsonValue.Create(value);

        using var test = new TestBackend();
        var act = () => new Seeder(test.Backend).LoadJson(new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString())), "bad.json");

        act.Should().Throw<SeedException>().Which.JsonPath.Should().Be(path);
        test.Store.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void AFileThatEndsInsideTheUsers_IsRefused_AndNothingLoads()
    {
        using var original = new TestBackend();
        new Seeder(original.Backend).Load(SeedGenerator.Generate(Generated, "us-east-1"), "generated");
        var exported = Export(original);
        var cut = exported[..(exported.Length * 3 / 4)];

        using var test = new TestBackend();
        var act = () => new Seeder(test.Backend).LoadJson(new MemoryStream(Encoding.UTF8.GetBytes(cut)), "cut.json");

        act.Should().Throw<SeedException>().WithMessage("cut.json: *not a seed document*");
        test.Store.IsEmpty.Should().BeTrue();
    }

    private static string Export(TestBackend test) =>
        JsonSerializer.Serialize(SeedExporter.Export(test.Store), SeedJsonContext.Default.SeedDocument);
}
