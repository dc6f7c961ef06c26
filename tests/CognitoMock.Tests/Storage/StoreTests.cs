using CognitoMock.Domain;
using CognitoMock.Seeding;
using CognitoMock.Storage;

namespace CognitoMock.Tests.Storage;

public sealed class StoreTests
{
    [Fact]
    public void AnUpdate_OfAUserReadOutsideTheTransaction_IsRefused()
    {
        using var test = Seeded();
        var outside = test.Store.GetUser(AliceId(test))!;

        var act = () => test.Store.Write(tx =>
        {
            outside.Enabled = false;
            tx.UpdateUser(test.Store.GetPool("us-east-1_DemoAlias")!, outside);
        });

        act.Should().Throw<InvalidOperationException>().WithMessage("User * was read outside the transaction that changes it.");
        test.Store.GetUser(AliceId(test))!.Enabled.Should().BeTrue("the refused write changed nothing");
    }

    [Fact]
    public void APool_IsOneSharedObjectOutsideWrites_AWriteChangesItsOwnCopy_AndReadersSeeTheChangeOnceCommitted()
    {
        using var test = Seeded();
        var shared = test.Store.GetPool("us-east-1_DemoAlias")!;
        test.Store.GetPool("us-east-1_DemoAlias").Should().BeSameAs(shared, "a pool is mapped once per stored document");

        test.Store.Write(tx =>
        {
            var own = test.Store.GetPool("us-east-1_DemoAlias")!;
            own.Should().NotBeSameAs(shared);
            own.Name = "renamed";
            tx.UpdatePool(own);
            shared.Name.Should().NotBe("renamed", "readers never see a write's copy");
        });

        var after = test.Store.GetPool("us-east-1_DemoAlias")!;
        after.Name.Should().Be("renamed");
        after.Should().NotBeSameAs(shared);
    }

    [Fact]
    public void APoolReadOutsideTheTransaction_CannotBeWritten()
    {
        using var test = Seeded();
        var shared = test.Store.GetPool("us-east-1_DemoAlias")!;

        var act = () => test.Store.Write(tx => tx.UpdatePool(shared));

        act.Should().Throw<InvalidOperationException>().WithMessage("* was read outside the transaction that changes it.");
    }

    [Fact]
    public void ACachedRead_SeesTheWriteOnceItCommits()
    {
        using var test = Seeded();
        var id = AliceId(test);
        test.Store.GetUser(id)!.Enabled.Should().BeTrue();

        test.Store.Write(tx =>
        {
            var user = test.Store.GetUser(id)!;
            user.Enabled = false;
            tx.UpdateUser(test.Store.GetPool("us-east-1_DemoAlias")!, user);
        });

        test.Store.GetUser(id)!.Enabled.Should().BeFalse();
    }

    [Fact]
    public void AWriteThatFails_LeavesTheCachedStateAsItWas()
    {
        using var test = Seeded();
        var id = AliceId(test);
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;

        var act = () => test.Store.Write(tx =>
        {
            var user = test.Store.GetUser(id)!;
            user.Enabled = false;
            tx.UpdateUser(pool, user);
            throw new InvalidOperationException("the operation changed its mind");
        });

        act.Should().Throw<InvalidOperationException>();
        test.Store.GetUser(id)!.Enabled.Should().BeTrue();
    }

    [Fact]
    public void ALookupThatMissed_FindsTheUserAddedAfterIt()
    {
        using var test = Seeded();
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;
        var key = new LookupKey(UserLookup.Username, "zoe");
        test.Store.FindUserId(pool.Id, key).Should().BeNull();

        new Seeder(test.Backend).Load(new SeedDocument(), "nothing");
        test.Store.Write(tx => tx.InsertUser(pool, User.Create(pool.Id, "zoe", "99999999-9999-4999-8999-999999999999", [], UserStatuses.Confirmed, DateTime.UtcNow)));

        test.Store.FindUserId(pool.Id, key).Should().Be(User.IdOf(pool.Id, "99999999-9999-4999-8999-999999999999"));
    }

    [Fact]
    public void AWriteInsideAWrite_IsPartOfIt_AndRollsBackWithIt()
    {
        using var test = Seeded();
        var id = AliceId(test);
        var pool = test.Store.GetPool("us-east-1_DemoAlias")!;

        var act = () => test.Store.Write(tx =>
        {
            var user = test.Store.GetUser(id)!;
            user.Enabled = false;
            tx.UpdateUser(pool, user);
            // Such as a pool's first signing key, made in the middle of a sign-in's write.
            test.Store.Write(inner => inner.InsertSigningKey(pool.Id, "kid", [1, 2, 3]));
            var again = test.Store.GetUser(id)!;
            again.UserStatus = UserStatuses.ResetRequired;
            tx.UpdateUser(pool, again);
            throw new InvalidOperationException("the operation changed its mind");
        });

        act.Should().Throw<InvalidOperationException>().WithMessage("the operation changed its mind");
        test.Store.GetSigningKey(pool.Id).Should().BeNull();
        test.Store.GetUser(id)!.Enabled.Should().BeTrue();
    }

    [Fact]
    public void ReadCache_DropsAReadThatRacedAWrite()
    {
        var cache = new ReadCache(10);
        var generation = cache.Generation;

        cache.Invalidate(["user:a"], everything: false);
        cache.Add("user:a", "stale", generation);

        cache.TryGet<string>("user:a", out _).Should().BeFalse();
    }

    private static TestBackend Seeded()
    {
        var test = new TestBackend();
        new Seeder(test.Backend).LoadFile(TestBackend.DemoSeed);
        return test;
    }

    private static string AliceId(TestBackend test) => User.IdOf("us-east-1_DemoAlias", "5b0e8a3c-1f2d-4e6a-9c7b-2d4f6a8b0c1e");
}
