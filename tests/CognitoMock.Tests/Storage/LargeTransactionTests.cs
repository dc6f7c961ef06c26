using CognitoMock.Seeding;
using CognitoMock.Storage;

namespace CognitoMock.Tests.Storage;

/// <summary>
/// The store caps the pages open transactions hold in memory (LiteDB's default would let one seed take 800 MB);
/// past the cap LiteDB writes a transaction's pages ahead to the log. A seed larger than the cap must still be
/// all or nothing.
/// </summary>
public sealed class LargeTransactionTests
{
    [Fact]
    public void TheStore_CapsTheMemoryOfOpenTransactions()
    {
        TestBackend.WithDataFile("cap", path =>
        {
            using var test = new TestBackend(path);

            test.Store.FreeTransactionPages.Should().Be(Store.TransactionMemoryPages,
                "the cap is set on LiteDB's transaction monitor by reflection; a LiteDB upgrade that renames its fields shows here");
        });
    }

    [Fact]
    public void ASeedLargerThanTheCap_IsAllOrNothing_AndThenLoadsWhole()
    {
        TestBackend.WithDataFile("large", path =>
        {
            using (var test = new TestBackend(path))
            {
                var seeder = new Seeder(test.Backend);
                var large = SeedGenerator.Generate(new GeneratorOptions(Users: 16_000, Devices: 10, Passwords: 0), "us-east-1");
                var broken = SeedGenerator.Generate(new GeneratorOptions(Users: 16_000, Devices: 10, Passwords: 0), "us-east-1");
                broken.UserPools.Add(new SeedUserPool { Id = "us-east-1_Broken1" }); // no Name: refused after 16,000 users

                var refused = () => seeder.Load(broken, "broken.json");

                refused.Should().Throw<SeedException>().WithMessage("*$.UserPools[1].Name*");
                test.Store.IsEmpty.Should().BeTrue("a refused seed leaves nothing, even after its pages went to the log");
                seeder.Load(large, "large.json").Devices.Should().Be(160_000);
            }

            using var reopened = new TestBackend(path);
            var report = reopened.Store.CheckInvariants();
            (report.Users, report.Devices, report.Problems.Count).Should().Be((16_000, 160_000, 0));
        });
    }
}
