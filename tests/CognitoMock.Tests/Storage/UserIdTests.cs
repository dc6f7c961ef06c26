using CognitoMock.Storage;
using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Tests.Storage;

/// <summary>
/// A user's _id is the store's own: given when the user is inserted, in the order users are made, and never
/// reused. The sub finds a user through the lookup index, in files made before this too, whose users have
/// their pool and sub for an _id.
/// </summary>
public sealed class UserIdTests
{
    private const string Pool = "us-east-1_DemoAlias";

    [Fact]
    public void Users_AreStoredInTheOrderTheyWereMade_AndAReopenedFileGoesOnAfterTheLast()
    {
        TestBackend.WithDataFile("userids", path =>
        {
            List<string> seeded, made;
            using (var test = TestBackend.Demo(path))
            {
                seeded = StoredIds(test);
                made = InsertUsers(test, "zoe", "yan", "xia");
            }

            using var reopened = new TestBackend(path);
            made.AddRange(InsertUsers(reopened, "wes"));

            made.Should().BeInAscendingOrder(StringComparer.Ordinal).And.OnlyHaveUniqueItems();
            string.CompareOrdinal(made[0], seeded.Max(StringComparer.Ordinal)).Should().BePositive("a new user sorts after every user made before it");
            StoredIds(reopened).Should().HaveCount(seeded.Count + 4);
            reopened.Store.CheckInvariants().Problems.Should().BeEmpty();
        });
    }

    [Fact]
    public void AFileWhoseUsersHaveTheirPoolAndSubForAnId_FindsThemBySub_AndAddsUsersBesideThem()
    {
        TestBackend.WithDataFile("userids", path =>
        {
            int aliceDevices;
            using (var test = TestBackend.Demo(path))
            {
                aliceDevices = test.Store.DevicesOf(test.AliceId).Count;
            }

            GiveEveryUserItsPoolAndSubForAnId(path);

            using var reopened = new TestBackend(path);
            var pool = reopened.Store.GetPool(Pool)!;
            var alice = CognitoBackend.ResolveUser(reopened.Store, pool, TestBackend.AliceSub);
            alice.Id.Should().Be(Pool + "/" + TestBackend.AliceSub);
            alice.Username.Should().Be("alice");
            reopened.Store.DevicesOf(alice.Id).Should().HaveCount(aliceDevices);
            CognitoBackend.ResolveUser(reopened.Store, pool, "alice@example.com").Id.Should().Be(alice.Id);

            InsertUsers(reopened, "zoe");
            CognitoBackend.ResolveUser(reopened.Store, pool, "zoe").Sub.Should().Be(SubOf("zoe"));
            CognitoBackend.ResolveUser(reopened.Store, pool, SubOf("zoe")).Username.Should().Be("zoe");
            reopened.Store.CheckInvariants().Problems.Should().BeEmpty();
        });
    }

    private static List<string> InsertUsers(TestBackend test, params string[] usernames)
    {
        var pool = test.Store.GetPool(Pool)!;
        var users = usernames.Select(name => User.Create(Pool, name, SubOf(name), [], UserStatuses.Confirmed, DateTime.UtcNow)).ToList();
        test.Store.Write(tx => users.ForEach(user => tx.InsertUser(pool, user)));
        return users.Select(u => u.Id).ToList();
    }

    private static string SubOf(string name) => "00000000-0000-4000-8000-" + Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(name)).PadLeft(12, '0');

    private static List<string> StoredIds(TestBackend test) => test.Store.Collection(StoredKinds.Users).FindAll().Select(d => d["_id"].AsString).ToList();

    /// <summary>Rewrites the file as the store wrote it before: each user's _id its pool and sub, and its devices' with it.</summary>
    private static void GiveEveryUserItsPoolAndSubForAnId(string path)
    {
        using var db = new LiteDatabase(path);
        var users = db.GetCollection("users");
        var deviceSets = db.GetCollection("devicesets");
        foreach (var user in users.FindAll().ToList())
        {
            var (before, after) = (user["_id"], new BsonValue(user["UserPoolId"].AsString + "/" + user["Sub"].AsString));
            users.Delete(before);
            user["_id"] = after;
            users.Insert(user);
            if (deviceSets.FindById(before) is { } devices)
            {
                deviceSets.Delete(before);
                devices["_id"] = after;
                deviceSets.Insert(devices);
            }
        }
    }
}
