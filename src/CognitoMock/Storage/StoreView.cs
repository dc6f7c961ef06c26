using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

/// <summary>A document's place in the read cache: its kind and its _id.</summary>
internal readonly record struct CacheKey(StoredKind Kind, string Id)
{
    public override string ToString() => $"{Kind.Collection}:{Id}";
}

/// <summary>
/// What the store holds, as one reader sees it. The committed state (<see cref="Store"/> itself), one write's
/// state (<see cref="StoreTransaction"/>, which sees its own changes) and a consistent snapshot
/// (<see cref="Store.ReadSnapshot{T}"/>) read through the same methods, so a rule that reads, such as finding a
/// user by an alias, is written once and takes the view it should read.
/// </summary>
public abstract partial class StoreView
{
    private protected StoreView()
    {
    }

    internal abstract Store Source { get; }

    public UserPool? GetPool(string userPoolId) => Read<UserPool>(StoredKinds.Pools, userPoolId);

    public IEnumerable<UserPool> AllPools() => Mapped<UserPool>(StoredKinds.Pools, Source.Collection(StoredKinds.Pools).FindAll());

    public AppClient? GetClient(string clientId) => Read<AppClient>(StoredKinds.Clients, clientId);

    public IEnumerable<AppClient> ClientsOf(string userPoolId) =>
        Mapped<AppClient>(StoredKinds.Clients, Source.Collection(StoredKinds.Clients).Find(StoredKinds.Clients.OfOwner(userPoolId)))
            .OrderBy(c => c.ClientId, StringComparer.Ordinal);

    public User? GetUser(string userId) => Read<User>(StoredKinds.Users, userId);

    /// <summary>How many users a pool has, by one document read (DescribeUserPool's EstimatedNumberOfUsers).</summary>
    public int UserCount(string userPoolId) => Source.Collection(StoredKinds.UserCounts).FindById(userPoolId)?["Count"].AsInt32 ?? 0;

    /// <summary>A pool's users in username order, read as they are enumerated.</summary>
    public IEnumerable<User> UsersOf(string userPoolId) =>
        Mapped<User>(StoredKinds.Users, Source.Collection(StoredKinds.Users).Find(StoredKinds.Users.OfOwner(userPoolId)));

    /// <summary>The _id of the user filed under a lookup key.</summary>
    public abstract string? FindUserId(string userPoolId, LookupKey key);

    /// <summary>The user whose sub this is, in the pool.</summary>
    public User? FindUserBySub(string userPoolId, string sub) =>
        FindUserId(userPoolId, new LookupKey(UserLookup.Sub, sub)) is { } userId ? GetUser(userId) : null;

    /// <summary>A document of a kind by _id, through <see cref="Document"/>, mapped by <see cref="Map{T}"/>.</summary>
    private protected T? Read<T>(StoredKind kind, string id) where T : class
    {
        var key = new CacheKey(kind, id);
        return Map<T>(key, Document(key, () => Source.Collection(kind).FindById(id)));
    }

    /// <summary>Documents found by a query, each mapped as a read of its _id.</summary>
    private protected IEnumerable<T> Mapped<T>(StoredKind kind, IEnumerable<BsonDocument> documents) where T : class =>
        documents.Select(d => Map<T>(new CacheKey(kind, d["_id"].AsString), d)).OfType<T>();

    /// <summary>Where this view gets a document by its key: the cache, the file, or what its own write saved.</summary>
    private protected abstract BsonDocument? Document(CacheKey key, Func<BsonDocument?> load);

    /// <summary>The domain object of a document; a view may share it (immutable pools) or note that it read it.</summary>
    private protected virtual T? Map<T>(CacheKey key, BsonDocument? document) where T : class =>
        document is null ? null : StoreMapper.Shared.ToObject<T>(document);
}

/// <summary>One moment's state, read without the cache (which holds newer documents): <see cref="Store.ReadSnapshot{T}"/>.</summary>
internal sealed class StoreSnapshot(Store store) : StoreView
{
    internal override Store Source => store;

    /// <summary>
    /// The committed lookup index is not part of the snapshot; what reads a snapshot (an export) lists documents
    /// and never looks a user up by name.
    /// </summary>
    public override string? FindUserId(string userPoolId, LookupKey key) =>
        throw new NotSupportedException("A snapshot lists what the store holds; it does not look users up by name.");

    private protected override BsonDocument? Document(CacheKey key, Func<BsonDocument?> load) => load();
}
