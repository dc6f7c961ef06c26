using CognitoMock.Domain;
using CognitoMock.Storage;
using LiteDB;

namespace CognitoMock.Tests.Storage;

/// <summary>
/// The lookup index lives in memory and is built from the users when the store opens. A write's changes to it
/// are that write's alone until it commits, go with it if it rolls back, and survive a reopen because they are
/// rebuilt from the users it saved.
/// </summary>
public sealed class LookupIndexTests
{
    private const string Pool = "us-east-1_DemoAlias";

    [Fact]
    public void AnEmailAWriteMoves_IsFoundThereByTheWriteAtOnce_AndByOtherReadersOnceItCommits()
    {
        using var test = TestBackend.Demo();
        (string? Old, string? New) duringByWrite = default, duringByOthers = default;

        test.Store.Write(tx =>
        {
            SetEmail(tx, test.AliceId, "new@example.com");
            duringByWrite = (Email(tx, "alice@example.com"), Email(tx, "new@example.com"));
            // A thread of its own: a task waited on could run inline, on the writer's thread.
            var reader = new Thread(() => duringByOthers = (Email(test.Store, "alice@example.com"), Email(test.Store, "new@example.com")));
            reader.Start();
            reader.Join();
        });

        duringByWrite.Should().Be(((string?)null, test.AliceId));
        duringByOthers.Should().Be((test.AliceId, (string?)null), "no reader outside the write finds what it has not committed");
        (Email(test.Store, "alice@example.com"), Email(test.Store, "new@example.com")).Should().Be(((string?)null, test.AliceId));
    }

    [Fact]
    public void AWriteThatFails_LeavesEveryKeyAsItWas()
    {
        using var test = TestBackend.Demo();
        var pool = test.Store.GetPool(Pool)!;

        var act = () => test.Store.Write(tx =>
        {
            SetEmail(tx, test.AliceId, "new@example.com");
            tx.InsertUser(pool, User.Create(Pool, "zoe", "99999999-9999-4999-8999-999999999999", [], UserStatuses.Confirmed, DateTime.UtcNow));
            throw new InvalidOperationException("the operation changed its mind");
        });

        act.Should().Throw<InvalidOperationException>();
        Email(test.Store, "alice@example.com").Should().Be(test.AliceId);
        Email(test.Store, "new@example.com").Should().BeNull();
        test.Store.FindUserId(Pool, new LookupKey(UserLookup.Username, "zoe")).Should().BeNull();
        test.Store.CheckInvariants().Problems.Should().BeEmpty();
    }

    [Fact]
    public void AnEmailOneUserGivesUp_AnotherMayTakeInTheSameWrite_ButNotWhileItIsHeld()
    {
        using var test = TestBackend.Demo();

        var whileHeld = () => test.Store.Write(tx => SetEmail(tx, test.BobId, "alice@example.com"));

        whileHeld.Should().Throw<LookupKeyTakenException>().Which.Key.Should().Be(new LookupKey(UserLookup.Email, "alice@example.com"));
        test.Store.Write(tx =>
        {
            SetEmail(tx, test.AliceId, "alice@elsewhere.example.com");
            SetEmail(tx, test.BobId, "alice@example.com");
        });
        Email(test.Store, "alice@example.com").Should().Be(test.BobId);
        Email(test.Store, "bob@example.com").Should().BeNull();
        Email(test.Store, "alice@elsewhere.example.com").Should().Be(test.AliceId);
    }

    [Fact]
    public void ADeletedPool_FindsNobody_InTheWriteThatDeletesItAndAfter_WhileOtherPoolsKeepTheirKeys()
    {
        using var test = TestBackend.Demo();
        var other = test.Store.AllPools().First(p => p.Id != Pool);
        var someoneElse = test.Store.UsersOf(other.Id).First();
        string? during = "not looked up";

        test.Store.Write(tx =>
        {
            tx.DeletePool(Pool);
            during = Email(tx, "alice@example.com");
        });

        during.Should().BeNull();
        Email(test.Store, "alice@example.com").Should().BeNull();
        test.Store.FindUserId(other.Id, UserLookup.KeysOf(other, someoneElse).First()).Should().Be(someoneElse.Id);
        test.Store.CheckInvariants().Problems.Should().BeEmpty();
    }

    [Fact]
    public void AReset_FindsNobody_AndAUserAddedInTheSameWriteIsFound()
    {
        using var test = TestBackend.Demo();
        var pool = test.Store.GetPool(Pool)!;

        test.Store.Write(tx =>
        {
            tx.Reset();
            tx.InsertPool(pool);
            tx.InsertUser(pool, User.Create(Pool, "zoe", "99999999-9999-4999-8999-999999999999", [], UserStatuses.Confirmed, DateTime.UtcNow));
        });

        Email(test.Store, "alice@example.com").Should().BeNull();
        test.Store.FindUserId(Pool, new LookupKey(UserLookup.Username, "alice")).Should().BeNull();
        test.Store.FindUserId(Pool, new LookupKey(UserLookup.Username, "zoe")).Should().Be(test.UserId(Pool, "99999999-9999-4999-8999-999999999999"));
    }

    [Fact]
    public void AReopenedFile_FindsEveryUserByTheKeysItsLastWritesGaveThem()
    {
        TestBackend.WithDataFile("lookup", path =>
        {
            using (var test = TestBackend.Demo(path))
            {
                test.Store.Write(tx => SetEmail(tx, test.AliceId, "new@example.com"));
            }

            using var reopened = new TestBackend(path);
            (Email(reopened.Store, "alice@example.com"), Email(reopened.Store, "new@example.com")).Should().Be(((string?)null, reopened.AliceId));
            reopened.Store.FindUserId(Pool, new LookupKey(UserLookup.Username, "bob")).Should().Be(reopened.BobId);
            reopened.Store.CheckInvariants().Problems.Should().BeEmpty();
        });
    }

    [Fact]
    public void AFileThatKeptTheIndexInACollection_OpensWithoutIt()
    {
        TestBackend.WithDataFile("lookup", path =>
        {
            TestBackend.Demo(path).Dispose();
            using (var before = new LiteDatabase(path))
            {
                before.GetCollection("userkeys").Insert(new BsonDocument { ["_id"] = Pool + "\u001fusername\u001fnobody", ["User"] = "alice" });
            }

            using (var reopened = new TestBackend(path))
            {
                reopened.Store.FindUserId(Pool, new LookupKey(UserLookup.Username, "alice")).Should().Be(reopened.AliceId);
                reopened.Store.FindUserId(Pool, new LookupKey(UserLookup.Username, "nobody")).Should().BeNull("the old collection is not read");
            }

            using var after = new LiteDatabase(path);
            after.CollectionExists("userkeys").Should().BeFalse();
        });
    }

    [Fact]
    public void TwoUsersWithOneEmailInTheFile_AreNamedByTheCheck_AfterAReopen()
    {
        TestBackend.WithDataFile("lookup", path =>
        {
            using (var test = TestBackend.Demo(path))
            {
                var bob = test.Store.Collection(StoredKinds.Users).FindById(test.BobId);
                bob["Attributes"].AsArray.First(a => a["Name"] == "email")["Value"] = "alice@example.com";
                test.Store.Collection(StoredKinds.Users).Update(bob);
            }

            using var reopened = new TestBackend(path);
            reopened.Store.CheckInvariants().Problems.Should().ContainSingle()
                .Which.Should().Be($"user {reopened.BobId} has email \"alice@example.com\", which finds user {reopened.AliceId}.");
        });
    }

    private static void SetEmail(StoreTransaction tx, string userId, string email)
    {
        var user = tx.GetUser(userId)!;
        user.Attributes.Find(a => a.Name == "email")!.Value = email;
        tx.UpdateUser(tx.GetPool(Pool)!, user);
    }

    private static string? Email(StoreView view, string email) => view.FindUserId(Pool, new LookupKey(UserLookup.Email, email));
}
