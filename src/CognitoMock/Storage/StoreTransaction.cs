using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

public sealed partial class Store
{
    // The user documents' index field: pool, then username, so a pool's users come in username order.
    internal const string PoolOrderField = "PoolOrder";

    internal static string PoolOrderOf(User user) => user.UserPoolId + Separator + user.Username;
}

/// <summary>A lookup key is already filed under another user: a duplicate username or alias.</summary>
public sealed class LookupKeyTakenException(LookupKey key) : Exception($"The {key.Kind} '{key.Value}' is taken.")
{
    public LookupKey Key { get; } = key;
}

/// <summary>A device key that is already in use.</summary>
public sealed class DeviceKeyTakenException(string deviceKey) : Exception($"The device key '{deviceKey}' is taken.")
{
    public string DeviceKey { get; } = deviceKey;
}

/// <summary>The writes of one <see cref="Store.Write{T}"/>. Reads inside it through the store see these writes.</summary>
public sealed partial class StoreTransaction
{
    private readonly Store _store;
    private readonly Dictionary<object, BsonDocument> _read = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BsonDocument> _saved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _userCountChanges = new(StringComparer.Ordinal);

    internal StoreTransaction(Store store, LookupIndex lookup)
    {
        _store = store;
        Lookup = new LookupChanges(lookup);
    }

    /// <summary>The lookup keys this transaction filed and unfiled, which the index takes on when it commits.</summary>
    internal LookupChanges Lookup { get; }

    /// <summary>The cached reads this transaction's writes make stale.</summary>
    internal IEnumerable<string> Touched => _touched;

    /// <summary>A write too wide to list (a pool deleted, the state reset): every cached read is stale.</summary>
    internal bool TouchedEverything { get; private set; }

    /// <summary>
    /// The documents this transaction saved and did not delete after, by cache key: what the cache holds once it
    /// commits. Only the first <see cref="SavedLimit"/> are kept; the rest are read from the file when asked for.
    /// </summary>
    internal IReadOnlyDictionary<string, BsonDocument> Saved => _saved;

    /// <summary>
    /// A request saves a few documents. A seed saves every user it loads, and keeping them all for the cache
    /// would hold the whole seed in memory until it commits.
    /// </summary>
    internal const int SavedLimit = 1_000;

    /// <summary>An entity this transaction read from the database, and so may update, with the document it was read from.</summary>
    internal void Remember(object entity, BsonDocument document) => _read[entity] = document;

    /// <summary>Whether this transaction wrote what a cache key stands for, or wrote too widely to tell.</summary>
    internal bool Changed(string key) => TouchedEverything || _touched.Contains(key);

    public void InsertPool(UserPool pool) => Insert(_store.Pools, "pool:", pool.Id, pool);

    public void UpdatePool(UserPool pool) => Update(_store.Pools, "pool:", pool.Id, pool);

    /// <summary>Deletes a pool with its clients, users, lookup keys and devices.</summary>
    public void DeletePool(string userPoolId)
    {
        TouchedEverything = true;
        foreach (var user in _store.UsersOf(userPoolId).ToList())
        {
            _store.DeviceSets.Delete(user.Id);
        }

        Lookup.DropPool(userPoolId);
        _store.Users.DeleteMany(Store.InPool(Store.PoolOrderField, userPoolId));
        _store.Clients.DeleteMany(Query.EQ(nameof(AppClient.UserPoolId), userPoolId));
        DeleteSignInStateOfPool(userPoolId);
        _store.UserCounts.Delete(userPoolId);
        _store.Pools.Delete(userPoolId);
    }

    public void InsertClient(AppClient client) => Insert(_store.Clients, "client:", client.ClientId, client);

    public void UpdateClient(AppClient client) => Update(_store.Clients, "client:", client.ClientId, client);

    public void DeleteClient(string clientId)
    {
        Touch("client:" + clientId);
        _store.Clients.Delete(clientId);
    }

    /// <summary>
    /// Inserts a user under a new storage identity and files it under its lookup keys; a key already taken
    /// (a sub, a username, an alias) throws <see cref="LookupKeyTakenException"/>.
    /// </summary>
    public void InsertUser(UserPool pool, User user)
    {
        user.Id = _store.NewUserId();
        Save("user:" + user.Id, UserDocument(user), d => _store.Users.Insert(d));
        foreach (var key in UserLookup.KeysOf(pool, user))
        {
            Lookup.File(pool.Id, key, user.Id);
        }

        CountUsers(pool.Id, +1);
    }

    /// <summary>Saves a changed user and moves its lookup keys to match its attributes.</summary>
    public void UpdateUser(UserPool pool, User user)
    {
        RequireReadHere(user, user.Id);
        var cacheKey = "user:" + user.Id;
        // The user as stored: the document it was read from, unless this transaction has saved it since.
        var before = Changed(cacheKey)
            ? _store.GetUser(user.Id) ?? throw new InvalidOperationException($"User {user.Id} is not stored.")
            : Store.Mapper.ToObject<User>(_read[user]);
        var oldKeys = UserLookup.KeysOf(pool, before).ToHashSet();
        var newKeys = UserLookup.KeysOf(pool, user).ToHashSet();
        foreach (var key in oldKeys.Except(newKeys))
        {
            Lookup.Unfile(pool.Id, key);
        }

        foreach (var key in newKeys.Except(oldKeys))
        {
            Lookup.File(pool.Id, key, user.Id);
        }

        Save(cacheKey, UserDocument(user), d => _store.Users.Update(d));
    }

    /// <summary>Deletes a user with its lookup keys, its devices and its sign-ins.</summary>
    public void DeleteUser(UserPool pool, User user)
    {
        // Its devices and grants go with it, by queries that do not list their keys.
        TouchedEverything = true;
        _store.DeviceSets.Delete(user.Id);
        DeleteSignInStateOfUser(user.Id);
        foreach (var key in UserLookup.KeysOf(pool, user))
        {
            Lookup.Unfile(pool.Id, key);
        }

        _store.Users.Delete(user.Id);
        CountUsers(pool.Id, -1);
    }

    /// <summary>Empties every collection but the instance's secrets.</summary>
    public void Reset()
    {
        TouchedEverything = true;
        _store.Grants.DeleteAll();
        _store.Challenges.DeleteAll();
        _store.SigningKeys.DeleteAll();
        _store.DeviceSets.DeleteAll();
        Lookup.Clear();
        _store.Users.DeleteAll();
        _store.UserCounts.DeleteAll();
        _store.Clients.DeleteAll();
        _store.Pools.DeleteAll();
    }

    // Counted as the transaction goes and written once when it commits: a seed of a hundred thousand users
    // writes its pool's count once, not a hundred thousand times.
    private void CountUsers(string userPoolId, int change) =>
        _userCountChanges[userPoolId] = _userCountChanges.GetValueOrDefault(userPoolId) + change;

    /// <summary>Writes what the transaction counted; the store calls it just before the commit.</summary>
    internal void WriteCounts()
    {
        foreach (var (userPoolId, change) in _userCountChanges.Where(c => c.Value != 0))
        {
            if (_store.Pools.FindById(userPoolId) is not null)
            {
                _store.UserCounts.Upsert(new BsonDocument { ["_id"] = userPoolId, ["Count"] = _store.UserCount(userPoolId) + change });
            }
        }

        _userCountChanges.Clear();
    }

    private void Touch(string key)
    {
        _touched.Add(key);
        _saved.Remove(key);
    }

    /// <summary>
    /// Marks <paramref name="cacheKey"/> changed, writes a document by <paramref name="write"/> and keeps it to
    /// cache under that key after the commit, while fewer than <see cref="SavedLimit"/> are kept.
    /// </summary>
    private void Save(string cacheKey, BsonDocument document, Action<BsonDocument> write)
    {
        // Touch takes out any earlier save of the key, so one not kept here is read from the file, never stale.
        Touch(cacheKey);
        write(document);
        if (_saved.Count < SavedLimit)
        {
            _saved[cacheKey] = document;
        }
    }

    /// <summary>Inserts an entity's document, cached under <paramref name="cachePrefix"/> and its ID, and marks that key changed.</summary>
    private void Insert<T>(ILiteCollection<BsonDocument> collection, string cachePrefix, string id, T entity)
    {
        Save(cachePrefix + id, Store.Mapper.ToDocument(entity), d => collection.Insert(d));
    }

    /// <summary>Replaces the document of an entity this transaction read, cached under <paramref name="cachePrefix"/> and its ID.</summary>
    private void Update<T>(ILiteCollection<BsonDocument> collection, string cachePrefix, string id, T entity) where T : class
    {
        RequireReadHere(entity, id);
        Save(cachePrefix + id, Store.Mapper.ToDocument(entity), d => collection.Update(d));
    }

    /// <summary>
    /// An update must start from what this transaction read: a copy read outside it may be stale, or shared with
    /// other readers through the cache, and writing it back could lose another request's update.
    /// </summary>
    private void RequireReadHere(object entity, string id)
    {
        if (!_read.ContainsKey(entity))
        {
            throw new InvalidOperationException($"{entity.GetType().Name} {id} was read outside the transaction that changes it.");
        }
    }

    private static BsonDocument UserDocument(User user)
    {
        var document = Store.Mapper.ToDocument(user);
        document[Store.PoolOrderField] = Store.PoolOrderOf(user);
        return document;
    }
}
