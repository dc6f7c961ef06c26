using CognitoMock.Domain;
using CognitoMock.Seeding;
using CognitoMock.Storage;
using LiteDB;

namespace CognitoMock.Tests.Storage;

public sealed class StoreTests
{
    [Fact]
    public void AnUpdate_OfAUserReadOutsideTheTransaction_IsRefused()
    {
        using var test = TestBackend.Demo();
        var outside = test.Store.GetUser(test.AliceId)!;

        var act = () => test.Store.Write(tx =>
        {
            outside.Enabled = false;
            tx.UpdateUser(tx.GetPool("us-east-1_DemoAlias")!, outside);
        });

        act.Should().Throw<InvalidOperationException>().WithMessage("users:* was read outside the transaction that changes it.");
        test.Store.GetUser(test.AliceId)!.Enabled.Should().BeTrue("the refused write changed nothing");
    }

    [Fact]
    public void APool_IsOneSharedImmutableObject_AWriteStoresANewOne_AndReadersSeeItOnceCommitted()
    {
        using var test = TestBackend.Demo();
        var shared = test.Store.GetPool("us-east-1_DemoAlias")!;
        test.Store.GetPool("us-east-1_DemoAlias").Should().BeSameAs(shared, "a pool is mapped once per stored document");

        test.Store.Write(tx =>
        {
            var own = tx.GetPool("us-east-1_DemoAlias")!;
            tx.UpdatePool(own with { Name = "renamed" });
            test.Store.GetPool("us-east-1_DemoAlias")!.Name.Should().NotBe("renamed", "readers never see a write before it commits");
            tx.GetPool("us-east-1_DemoAlias")!.Name.Should().Be("renamed", "a write reads its own changes");
        });

        var after = test.Store.GetPool("us-east-1_DemoAlias")!;
        after.Name.Should().Be("renamed");
        after.Should().NotBeSameAs(shared);
    }

    [Fact]
    public void APoolReadOutsideTheTransaction_CannotBeWritten()
    {
        using var test = TestBackend.Demo();
        var shared = test.Store.GetPool("us-east-1_DemoAlias")!;

        var act = () => test.Store.Write(tx => tx.UpdatePool(shared with { Name = "renamed" }));

        act.Should().Throw<InvalidOperationException>().WithMessage("pools:us-east-1_DemoAlias was read outside the transaction that changes it.");
        test.Store.GetPool("us-east-1_DemoAlias")!.Name.Should().Be(shared.Name);
    }

    [Fact]
    public void ACachedRead_SeesTheWriteOnceItCommits()
    {
        using var test = TestBackend.Demo();
        var id = test.AliceId;
        test.Store.GetUser(id)!.Enabled.Should().BeTrue();

        test.Store.Write(tx =>
        {
            var user = tx.GetUser(id)!;
            user.Enabled = false;
            tx.UpdateUser(test.Store.GetPool("us-east-1_DemoAlias")!, user);
        });

        test.Store.GetUser(id)!.Enabled.Should().BeFalse();
    }

    [Fact]
    public void AWriteThatFails_LeavesTheCachedStateAsItWas()
    {
        using var test = TestBackend.Demo();
        var id = test.AliceId;
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;

        var act = () => test.Store.Write(tx =>
        {
            var user = tx.GetUser(id)!;
            user.Enabled = false;
            tx.UpdateUser(pool, user);
            throw new InvalidOperationException("the operation changed its mind");
        });

        act.Should().Throw<InvalidOperationException>();
        test.Store.GetUser(id)!.Enabled.Should().BeTrue();
    }

    [Fact]
    public void AUserAWriteLeftInTheCache_ReadsAsTheDatabaseHoldsIt()
    {
        using var test = TestBackend.Demo();
        var id = test.AliceId;
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;
        var lastModified = new DateTime(2026, 11, 26, 10, 0, 0, 123, DateTimeKind.Utc).AddTicks(4_567);

        test.Store.Write(tx =>
        {
            var user = tx.GetUser(id)!;
            user.UserLastModifiedDate = lastModified;
            tx.UpdateUser(pool, user);
        });

        var read = test.Store.GetUser(id)!;
        var stored = StoreMapper.Shared.ToObject<User>(test.Store.Collection(StoredKinds.Users).FindById(id));
        read.UserLastModifiedDate.Should().Be(lastModified.AddTicks(-4_567), "BSON keeps dates to the millisecond");
        ((object)StoreMapper.Shared.ToDocument(read)).Should().Be(StoreMapper.Shared.ToDocument(stored), "a read from the cache and one from the file agree");
    }

    [Fact]
    public void AnAliasChangedByOneWriteAfterAnother_FindsTheUserByTheLatestOnly()
    {
        using var test = TestBackend.Demo();
        var original = test.Store.GetUser(test.AliceId)!.GetAttribute("email")!;
        FoundByEmail(test, original).Should().Be(test.AliceId);

        ChangeEmail(test, "first@example.com");
        ChangeEmail(test, "second@example.com");

        FoundOnlyBySecondEmail(test, original);
    }

    [Fact]
    public void AUserUpdatedTwiceInOneWrite_IsFoundByItsLatestAliasOnly()
    {
        using var test = TestBackend.Demo();
        var original = test.Store.GetUser(test.AliceId)!.GetAttribute("email")!;

        test.Store.Write(tx =>
        {
            var pool = tx.GetPool("us-east-1_DemoAlias")!;
            var user = tx.GetUser(test.AliceId)!;
            var email = user.Attributes.Find(a => a.Name == "email")!;
            email.Value = "first@example.com";
            tx.UpdateUser(pool, user);
            email.Value = "second@example.com";
            tx.UpdateUser(pool, user);
        });

        FoundOnlyBySecondEmail(test, original);
    }

    [Fact]
    public void AWriteOfManyUsers_KeepsOnlyTheFirstForTheCache_AndEveryOneReadsBack()
    {
        using var test = TestBackend.Demo();
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;
        var users = Enumerable.Range(0, StoreTransaction.SavedLimit + 50)
            .Select(i => User.Create(pool.Id, $"bulk{i}", Guid.NewGuid().ToString(), [], UserStatuses.Confirmed, DateTime.UtcNow))
            .ToList();

        var kept = test.Store.Write(tx =>
        {
            users.ForEach(user => tx.InsertUser(pool, user));
            return tx.Saved.Count;
        });

        kept.Should().Be(StoreTransaction.SavedLimit, "a seed must not hold every user it wrote in memory until it commits");
        users.Should().AllSatisfy(user => test.Store.GetUser(user.Id)!.Username.Should().Be(user.Username));
        test.Store.FindUserId(pool.Id, new LookupKey(UserLookup.Username, users[^1].Username)).Should().Be(users[^1].Id);
    }

    [Fact]
    public void ALookupThatMissed_FindsTheUserAddedAfterIt()
    {
        using var test = TestBackend.Demo();
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;
        var key = new LookupKey(UserLookup.Username, "zoe");
        test.Store.FindUserId(pool.Id, key).Should().BeNull();

        new Seeder(test.Backend).Load(new SeedDocument(), "nothing");
        test.Store.Write(tx => tx.InsertUser(pool, User.Create(pool.Id, "zoe", "99999999-9999-4999-8999-999999999999", [], UserStatuses.Confirmed, DateTime.UtcNow)));

        test.Store.FindUserId(pool.Id, key).Should().Be(test.UserId(pool.Id, "99999999-9999-4999-8999-999999999999"));
    }

    [Fact]
    public void AWriteInsideAWrite_IsRefused_TheOuterRollsBack_AndTheThreadWritesNormallyAfter()
    {
        using var test = TestBackend.Demo();
        var id = test.AliceId;
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;

        var act = () => test.Store.Write(tx =>
        {
            var user = tx.GetUser(id)!;
            user.Enabled = false;
            tx.UpdateUser(pool, user);
            // Such as a pool's first signing key, made in the middle of a sign-in's write: it must be made before.
            test.Store.Write(inner => inner.InsertSigningKey(pool.Id, "kid", [1, 2, 3]));
        });

        act.Should().Throw<InvalidOperationException>().WithMessage("A write cannot begin inside another write*");
        test.Store.GetSigningKey(pool.Id).Should().BeNull();
        test.Store.GetUser(id)!.Enabled.Should().BeTrue("the outer write rolled back");

        test.Store.Write(tx => tx.InsertSigningKey(pool.Id, "kid", [1, 2, 3]));
        test.Store.GetSigningKey(pool.Id)!.Value.Kid.Should().Be("kid", "a write after the refused one is a write of its own, committed");
    }

    [Fact]
    public void DeletingAUser_EvictsThatUsersEntriesOnly()
    {
        using var test = TestBackend.Demo();
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;
        var (alice, bob) = (test.AliceId, test.BobId);
        test.Store.DevicesOf(alice).Should().NotBeEmpty();
        test.Store.DevicesOf(bob);
        test.Store.GetUser(bob);
        test.Store.Caches(new CacheKey(StoredKinds.Users, bob)).Should().BeTrue("a read is cached");

        test.Store.Write(tx => tx.DeleteUser(pool, tx.GetUser(alice)!));

        test.Store.Caches(new CacheKey(StoredKinds.Users, alice)).Should().BeFalse();
        test.Store.Caches(new CacheKey(StoredKinds.DeviceSets, alice)).Should().BeFalse();
        test.Store.Caches(new CacheKey(StoredKinds.Users, bob)).Should().BeTrue("another user's entries stay");
        test.Store.Caches(new CacheKey(StoredKinds.DeviceSets, bob)).Should().BeTrue();
        test.Store.GetUser(alice).Should().BeNull();
        test.Store.DevicesOf(alice).Should().BeEmpty();
    }

    [Fact]
    public void EveryCollectionOfAFile_IsAKindOfTheRegistry()
    {
        TestBackend.WithDataFile("registry", path =>
        {
            using (TestBackend.Demo(path))
            {
            }

            using var file = new LiteDatabase(path);
            file.GetCollectionNames().Should().BeSubsetOf(StoredKinds.All.Select(k => k.Collection));
        });
    }

    [Fact]
    public void DeletingAPool_LeavesNothingThatBelongedToIt_AndResetLeavesOnlyTheInstancesSecrets()
    {
        using var test = TestBackend.Demo();
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;
        test.Store.Write(tx =>
        {
            tx.InsertSigningKey(pool.Id, "kid", [1]);
            tx.InsertGrant(new Grant { Id = "grant-1", UserId = test.AliceId, UserPoolId = pool.Id, RefreshTokenHash = "h1" });
            tx.InsertChallenge(new ChallengeSession { Id = "challenge-1", UserId = test.AliceId, UserPoolId = pool.Id, Expires = DateTime.UtcNow.AddMinutes(3) });
        });

        test.Store.Write(tx => tx.DeletePool(pool.Id));

        foreach (var kind in StoredKinds.All.Where(k => k.OwnedBy != Owner.None))
        {
            var field = kind.PoolField ?? (kind.OwnedBy == Owner.Pool ? kind.OwnerField! : null);
            var left = field is null ? 0 : test.Store.Collection(kind).Count(LiteDB.Query.EQ(field, pool.Id));
            left.Should().Be(0, $"{kind} of the deleted pool");
        }

        test.Store.CheckInvariants().Problems.Should().BeEmpty();
        test.Store.Write(tx => tx.Reset());
        StoredKinds.All.Where(k => !k.KeptOnReset).Should().AllSatisfy(kind => test.Store.Collection(kind).Count().Should().Be(0, kind.Collection));
        test.Store.Collection(StoredKinds.Meta).Count().Should().BePositive("the instance's secrets outlive a reset");
    }

    [Fact]
    public void ReadCache_DropsAReadThatRacedAWrite()
    {
        var cache = new ReadCache(10);
        var generation = cache.Generation;
        var key = new CacheKey(StoredKinds.Users, "a");

        cache.Invalidate([key], everything: false);
        cache.Add(key, [], generation);

        cache.TryGet(key, out _).Should().BeFalse();
    }

    private static void ChangeEmail(TestBackend test, string email) => test.Store.Write(tx =>
    {
        var user = tx.GetUser(test.AliceId)!;
        user.Attributes.Find(a => a.Name == "email")!.Value = email;
        tx.UpdateUser(tx.GetPool("us-east-1_DemoAlias")!, user);
    });

    private static string? FoundByEmail(TestBackend test, string email)
    {
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;
        return test.Store.FindUserId(pool.Id, new LookupKey(UserLookup.Email, UserLookup.Fold(pool, UserLookup.Email, email)));
    }

    /// <summary>Alice's email went from <paramref name="original"/> to first@ and then second@example.com.</summary>
    private static void FoundOnlyBySecondEmail(TestBackend test, string original)
    {
        FoundByEmail(test, original).Should().BeNull();
        FoundByEmail(test, "first@example.com").Should().BeNull();
        FoundByEmail(test, "second@example.com").Should().Be(test.AliceId);
        test.Store.CheckInvariants().Problems.Should().BeEmpty();
    }
}
