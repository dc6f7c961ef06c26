using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

// The listings behind ListUserPools and ListUsers: each a seek on an index, in that index's order, so a page
// costs what it returns, not what comes before it.
public abstract partial class StoreView
{
    /// <summary>Up to <paramref name="take"/> pools in ID order, after the pool <paramref name="after"/>.</summary>
    public List<UserPool> PoolPage(string? after, int take) =>
        [.. Mapped<UserPool>(StoredKinds.Pools, (after is null ? Pools.Query() : Pools.Query().Where(Query.GT("_id", after)))
            .OrderBy("_id")
            .Limit(take)
            .ToEnumerable())];

    private ILiteCollection<BsonDocument> Pools => Source.Collection(StoredKinds.Pools);

    private ILiteCollection<BsonDocument> Users => Source.Collection(StoredKinds.Users);

    /// <summary>The user of a pool with exactly this username (no case folding), by one index seek.</summary>
    public User? FindUserByUsername(string userPoolId, string username) =>
        Mapped<User>(StoredKinds.Users, [.. Users.Find(Query.EQ(Store.PoolOrderField, userPoolId + Store.Separator + username))]).FirstOrDefault();

    /// <summary>
    /// A pool's users whose username starts with <paramref name="prefix"/> ("" for all), in username order,
    /// after the username <paramref name="after"/>: a range seek on the username index, read as enumerated.
    /// </summary>
    public IEnumerable<User> UsersFrom(string userPoolId, string prefix, string? after)
    {
        var start = userPoolId + Store.Separator + prefix;
        // "\0" sorts right after a username, so the range starts strictly after the previous page.
        var from = after is null ? start : userPoolId + Store.Separator + after + '\0';
        return Mapped<User>(StoredKinds.Users, Users.Query()
            .Where(Query.Between(Store.PoolOrderField, from, start + '\uffff'))
            .OrderBy(Store.PoolOrderField)
            .ToEnumerable());
    }
}
