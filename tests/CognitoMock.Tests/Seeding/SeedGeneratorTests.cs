using System.Text.Json;
using CognitoMock.Seeding;

namespace CognitoMock.Tests.Seeding;

public sealed class SeedGeneratorTests
{
    [Fact]
    public void TheSameOptions_GiveTheSameData()
    {
        var options = new GeneratorOptions(Pools: 3, Users: 20, Devices: 2, Seed: 42);

        Json(SeedGenerator.Generate(options, "us-east-1")).Should().Be(Json(SeedGenerator.Generate(options, "us-east-1")));
    }

    [Fact]
    public void AnotherSeed_GivesOtherData()
    {
        var first = Json(SeedGenerator.Generate(new GeneratorOptions(Seed: 1), "us-east-1"));
        var second = Json(SeedGenerator.Generate(new GeneratorOptions(Seed: 2), "us-east-1"));

        first.Should().NotBe(second);
    }

    [Fact]
    public void TheCounts_AreWhatWasAskedFor_AndTheDataLoads()
    {
        using var test = new TestBackend();

        var summary = new Seeder(test.Backend).Load(
            SeedGenerator.Generate(new GeneratorOptions(Pools: 3, Users: 40, Devices: 3, Seed: 9, Passwords: 2), "eu-west-1"), "generated");

        summary.UserPoolIds.Should().HaveCount(3).And.OnlyContain(id => id.StartsWith("eu-west-1_", StringComparison.Ordinal));
        summary.Users.Should().Be(120);
        summary.Devices.Should().Be(360);
        test.Store.AllPools().SelectMany(p => test.Store.UsersOf(p.Id)).Count(u => u.Password is not null).Should().Be(6);
    }

    [Fact]
    public void ThePools_MixAliasEmailUsernameAndCaseInsensitiveKinds()
    {
        var pools = SeedGenerator.Generate(new GeneratorOptions(Pools: 3, Users: 1), "us-east-1").UserPools;

        pools[0].AliasAttributes.Should().Contain("email");
        pools[1].UsernameAttributes.Should().Equal("email");
        pools[2].UsernameConfiguration!.CaseSensitive.Should().BeFalse();
    }

    [Fact]
    public void TheUsers_HaveVerifiedAndUnverifiedEmailsAndPhones_AndBothKindsOfDevice()
    {
        var users = SeedGenerator.Generate(new GeneratorOptions(Users: 200, Devices: 2), "us-east-1").UserPools[0].Users!.ToList();
        string? Attribute(SeedUser user, string name) => user.Attributes!.Find(a => a.Name == name)?.Value;

        users.Select(u => Attribute(u, "email_verified")).Should().Contain("true").And.Contain("false");
        users.Select(u => Attribute(u, "phone_number_verified")).Should().Contain("true").And.Contain("false").And.Contain((string?)null);
        users.SelectMany(u => u.Devices!).Select(d => d.RememberedStatus).Should().Contain("remembered").And.Contain("not_remembered");
        users.SelectMany(u => u.Devices!).Should().OnlyContain(d => d.DeviceCreateDate < d.DeviceLastAuthenticatedDate || d.DeviceCreateDate == d.DeviceLastAuthenticatedDate);
    }

    [Theory]
    [InlineData("pools=2,users=10,devices=1,seed=5", 2, 10, 1, 5)]
    [InlineData("users=7", 1, 7, 3, 42)]
    public void Parse_ReadsTheCommandLineForm(string text, int pools, int users, int devices, int seed)
    {
        GeneratorOptions.Parse(text).Should().Be(new GeneratorOptions(pools, users, devices, seed));
    }

    [Theory]
    [InlineData("people=3")]
    [InlineData("users=many")]
    [InlineData("users")]
    public void Parse_RefusesWhatItDoesNotKnow(string text)
    {
        var act = () => GeneratorOptions.Parse(text);

        act.Should().Throw<FormatException>();
    }

    private static string Json(SeedDocument document) => JsonSerializer.Serialize(document, SeedJsonContext.Default.SeedDocument);
}
