using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

// The listings behind ListUserPools and ListUsers: each a seek on an index, in that index's order, so a page
// costs what it returns, not what comes before it.
public sealed partial class Store
{
    /// <summary>Up to <paramref name="take"/> pools in ID order, after the pool <paramref name="after"/>.</summary>
    public List<UserPool> PoolPage(string? after, int take) =>
        (after is null ? Pools.Query() : Pools.Query().Where(Query.GT("_id", after)))
            .OrderBy("_id")
            .Limit(take)
            .ToEnumerable()
            .Select(Read<UserPool>)
            .OfType<UserPool>()
            .ToList();

    /// <summary>The user of a pool with exactly this username (no case folding), by one index seek.</summary>
    public User? FindUserByUsername(string userPoolId, string username) =>
        Read<User>(Users.FindOne(Query.EQ(PoolOrderField, userPoolId + Separator + username)));

    /// <summary>
    /// A pool's users whose username starts with <paramref name="prefix"/> ("" for all), in username order,
    /// after the username <paramref name="after"/>: a range seek on the username index, read as enumerated.
    /// </summary>
    public IEnumerable<User> UsersFrom(string userPoolId, string prefix, string? after)
    {
        var start = userPoolId + Separator + prefix;
        // "\0" sorts right after a username, so the range starts strictly after the previous page.
        var from = after is null ? start : userPoolId + Separator + after + '\0';
        return Users.Query()
            .Where(Query.Between(PoolOrderField, from, start + '\uffff'))
            .OrderBy(PoolOrderField)
            .ToEnumerable()
            .Select(Read<User>)
            .OfType<User>();
    }
}
