using System.Text.Json;
using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Seeding;

namespace CognitoMock.Tests.Seeding;

public sealed class SeedExporterTests
{
    [Fact]
    public void AnExport_LoadedIntoAnEmptyMock_IsTheSameState()
    {
        using var original = TestBackend.Demo();
        var exported = Json(SeedExporter.Export(original.Store));

        using var copy = new TestBackend();
        copy.Clock.Advance(TimeSpan.FromDays(3));
        new Seeder(copy.Backend).LoadJson(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(exported)), "export.json");

        Json(SeedExporter.Export(copy.Store)).Should().Be(exported);
        exported.Should().NotContain("Passw0rd!").And.NotContain("\"Password\"").And.NotContain("DeviceSecret\"");
        var alice = CognitoBackend.ResolveUser(copy.Store, copy.Store.GetPool("us-east-1_DemoAlias")!, "ally");
        alice.Sub.Should().Be("5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e");
        PasswordCredentials.Matches(alice.Password!, "Passw0rd!").Should().BeTrue();
    }

    [Fact]
    public void AnExport_OfStateMadeThroughTheApi_LoadedIntoAnEmptyMock_IsTheSameStateThroughTheApi()
    {
        using var original = new TestBackend();
        var pool = ApiMadeState.Build(original);
        var exported = Json(SeedExporter.Export(original.Store));

        using var copy = new TestBackend();
        copy.Clock.Advance(TimeSpan.FromDays(3));
        new Seeder(copy.Backend).LoadJson(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(exported)), "export.json");

        Json(SeedExporter.Export(copy.Store)).Should().Be(exported);
        exported.Should().NotContain("Passw0rd").And.NotContain("Temp0rary").And.NotContain("device secret");
        foreach (var id in original.Backend.ListUserPools(new ListUserPoolsRequest { MaxResults = 60 }, ApiMadeState.Context).UserPools!.Select(p => p.Id!))
        {
            SameThroughTheApi(original, copy, b => b.DescribeUserPool(new DescribeUserPoolRequest { UserPoolId = id }, ApiMadeState.Context));
            SameThroughTheApi(original, copy, b => b.ListUsers(new ListUsersRequest { UserPoolId = id }, ApiMadeState.Context));
            foreach (var client in original.Backend.ListUserPoolClients(new ListUserPoolClientsRequest { UserPoolId = id }, ApiMadeState.Context).UserPoolClients!)
            {
                SameThroughTheApi(original, copy, b => b.DescribeUserPoolClient(new DescribeUserPoolClientRequest { UserPoolId = id, ClientId = client.ClientId! }, ApiMadeState.Context));
            }
        }

        SameThroughTheApi(original, copy, b => b.AdminListDevices(new AdminListDevicesRequest { UserPoolId = pool, Username = "ALLY" }, ApiMadeState.Context));
        var alice = CognitoBackend.ResolveUser(copy.Store, copy.Store.GetPool(pool)!, "alice@example.com");
        PasswordCredentials.Matches(alice.Password!, "Passw0rd!!").Should().BeTrue();
        JsonSerializer.Serialize(alice.Password).Should().Be(JsonSerializer.Serialize(CognitoBackend.ResolveUser(original.Store, original.Store.GetPool(pool)!, "alice").Password));
    }

    /// <summary>What a client of each mock sees for the same request is the same.</summary>
    private static void SameThroughTheApi<T>(TestBackend original, TestBackend copy, Func<CognitoBackend, T> call) =>
        JsonSerializer.Serialize(call(copy.Backend)).Should().Be(JsonSerializer.Serialize(call(original.Backend)));

    private static string Json(SeedDocument document) => JsonSerializer.Serialize(document, SeedJsonContext.Default.SeedDocument);
}
