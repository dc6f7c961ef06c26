using CognitoMock.Storage;
using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Tests.Storage;

// The checks `cognito-mock --check` and the crash-safety script run: a healthy store passes, and each kind
// of damage, made by writing the documents behind the store's back, is named.
public sealed class InvariantTests
{
    private const string Pool = "us-east-1_DemoAlias";

    [Fact]
    public void TheDemoSeed_KeepsEveryInvariant_AndIsCounted()
    {
        using var test = TestBackend.Demo();

        var report = test.Store.CheckInvariants();

        report.Problems.Should().BeEmpty();
        report.Pools.Should().Be(4);
        report.Users.Should().Be(test.Store.AllPools().Sum(p => test.Store.UserCount(p.Id)));
        report.Devices.Should().Be(test.Store.AllPools().SelectMany(p => test.Store.UsersOf(p.Id)).Sum(u => test.Store.DevicesOf(u.Id).Count));
        report.Devices.Should().BeGreaterThan(0);
    }

    [Fact]
    public void DevicesOfAUserWhoIsGone_AreOrphans()
    {
        using var test = TestBackend.Demo();
        var alice = test.AliceId;
        var count = test.Store.DevicesOf(alice).Count;

        test.Store.Collection(StoredKinds.Users).Delete(alice);

        count.Should().BePositive();
        test.Store.CheckInvariants().Problems.Should().Contain($"devicesets {alice} belongs to user {alice}, which does not exist.");
    }

    [Fact]
    public void AnAliasTwoUsersHold_IsNamed()
    {
        using var test = TestBackend.Demo();
        var bob = test.Store.Collection(StoredKinds.Users).FindById(test.BobId);
        var email = bob["Attributes"].AsArray.First(a => a["Name"] == "email");
        email["Value"] = "alice@example.com";
        test.Store.Collection(StoredKinds.Users).Update(bob);

        test.Store.CheckInvariants().Problems.Should().Contain(
            $"user {bob["_id"].AsString} has email \"alice@example.com\", which finds user {test.AliceId}.");
    }

    [Fact]
    public void ALookupKeyOfNobody_AndAWrongCount_AreNamed()
    {
        using var test = TestBackend.Demo();
        test.Store.Lookup.TryAdd(Pool, new LookupKey(UserLookup.Username, "ghost"), "nobody");
        test.Store.Collection(StoredKinds.UserCounts).Upsert(new BsonDocument { ["_id"] = Pool, ["Count"] = 99 });

        var problems = test.Store.CheckInvariants().Problems;

        problems.Should().Contain($"the lookup key {Pool}/username/ghost finds user nobody, who does not have it.");
        problems.Should().ContainMatch($"pool {Pool} counts 99 users but has *.");
    }
}
