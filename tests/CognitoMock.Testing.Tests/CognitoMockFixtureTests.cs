using System.Net;

namespace CognitoMock.Testing.Tests;

public sealed class DemoFixture() : CognitoMockFixture(s => s.SeedFiles.Add(Path.Combine(AppContext.BaseDirectory, "seed-data", "demo.json")));

/// <summary>The xunit class fixture: one seeded mock for the tests of a class.</summary>
public sealed class CognitoMockFixtureTests(DemoFixture fixture) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task AClassFixture_GivesEachTestTheSeededMock()
    {
        using var response = await fixture.Mock.CreateClient().SendAsync(
            InProcessCognitoMockTests.ListDevices("""{"UserPoolId":"us-east-1_DemoAlias","Username":"bob"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void ThePlainFixture_StartsEmpty()
    {
        using var plain = new CognitoMockFixture();

        plain.Mock.Backend.Store.IsEmpty.Should().BeTrue();
    }
}
