using System.Text.Json;
using CognitoMock.Seeding;

namespace CognitoMock.Tests.Seeding;

public sealed class SeedExporterTests
{
    [Fact]
    public void AnExport_LoadedIntoAnEmptyMock_IsTheSameState()
    {
        using var original = new TestBackend();
        new Seeder(original.Backend).LoadFile(TestBackend.DemoSeed);
        var exported = Json(SeedExporter.Export(original.Store));

        using var copy = new TestBackend();
        copy.Clock.Advance(TimeSpan.FromDays(3));
        new Seeder(copy.Backend).LoadJson(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(exported)), "export.json");

        Json(SeedExporter.Export(copy.Store)).Should().Be(exported);
        exported.Should().NotContain("Passw0rd!").And.NotContain("\"Password\"").And.NotContain("DeviceSecret\"");
        var alice = copy.Backend.ResolveUser(copy.Store.GetPool("us-east-1_DemoAlias")!, "ally");
        alice.Sub.Should().Be("5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e");
        Domain.PasswordCredentials.Matches(alice.Password!, "Passw0rd!").Should().BeTrue();
    }

    private static string Json(SeedDocument document) => JsonSerializer.Serialize(document, SeedJsonContext.Default.SeedDocument);
}
