using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

public sealed partial class Store
{
    // The user documents' index field: pool, then username, so a pool's users come in username order.
    internal const string PoolOrderField = "PoolOrder";

    internal static string PoolOrderOf(User user) => user.UserPoolId + Separator + user.Username;

    /// <summary>A committed document through the cache, for a transaction reading what it has not changed.</summary>
    internal BsonDocument? CommittedDocument(CacheKey key, Func<BsonDocument?> load) => Document(key, load);
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

/// <summary>
/// One write (<see cref="Store.Write{T}"/>): what it reads, it reads through here, and it sees its own changes;
/// what it changes, it changes through here, and only what it read first.
/// </summary>
public sealed partial class StoreTransaction : StoreView
{
    private readonly Store _store;
    // What this write knows of each document it read or saved: its document, or null for one it found absent or deleted.
    private readonly Dictionary<CacheKey, BsonDocument?> _current = [];
    private readonly HashSet<CacheKey> _seen = [];
    private readonly HashSet<CacheKey> _touched = [];
    private readonly Dictionary<CacheKey, BsonDocument> _saved = [];
    private readonly Dictionary<string, int> _userCountChanges = new(StringComparer.Ordinal);
    private readonly List<Action> _afterCommit = [];

    internal StoreTransaction(Store store, LookupIndex lookup)
    {
        _store = store;
        Lookup = new LookupChanges(lookup);
    }

    internal override Store Source => _store;

    /// <summary>The lookup keys this transaction filed and unfiled, which the index takes on when it commits.</summary>
    internal LookupChanges Lookup { get; }

    /// <summary>The cached reads this transaction's writes make stale.</summary>
    internal IEnumerable<CacheKey> Touched => _touched;

    /// <summary>A write too wide to list (a pool deleted, the state reset): every cached read is stale.</summary>
    internal bool TouchedEverything { get; private set; }

    /// <summary>
    /// The documents this transaction saved and did not delete after, by cache key: what the cache holds once it
    /// commits. Only the first <see cref="SavedLimit"/> are kept; the rest are read from the file when asked for.
    /// </summary>
    internal IReadOnlyDictionary<CacheKey, BsonDocument> Saved => _saved;

    /// <summary>
    /// A request saves a few documents. A seed saves every user it loads, and keeping them all for the cache
    /// would hold the whole seed in memory until it commits.
    /// </summary>
    internal const int SavedLimit = 1_000;

    public override string? FindUserId(string userPoolId, LookupKey key) => Lookup.Find(userPoolId, key);

    /// <summary>
    /// Runs <paramref name="effect"/> once this write has committed, and never if it rolls back: what leaves the
    /// store (a message to the outbox) must not tell of a change that did not happen.
    /// </summary>
    public void AfterCommit(Action effect) => _afterCommit.Add(effect);

    internal void End(bool committed)
    {
        if (committed)
        {
            _afterCommit.ForEach(effect => effect());
        }
    }

    /// <summary>
    /// What this write has read or saved it knows already; what it has changed by a query (a cascade) it reads
    /// from the file, which holds its changes; anything else the committed cache has, since no other write can
    /// commit while this one runs.
    /// </summary>
    private protected override BsonDocument? Document(CacheKey key, Func<BsonDocument?> load)
    {
        if (_current.TryGetValue(key, out var known))
        {
            return known;
        }

        var document = TouchedEverything || _touched.Contains(key) ? load() : _store.CommittedDocument(key, load);
        Remember(key, document);
        return document;
    }

    private protected override T? Map<T>(CacheKey key, BsonDocument? document) where T : class
    {
        _seen.Add(key);
        return base.Map<T>(key, document);
    }

    private void Remember(CacheKey key, BsonDocument? document)
    {
        _seen.Add(key);
        if (_current.Count < SavedLimit)
        {
            _current[key] = document;
        }
    }

    public void InsertPool(UserPool pool) => Insert(StoredKinds.Pools, pool.Id, StoreMapper.Shared.ToDocument(pool));

    public void UpdatePool(UserPool pool) => Update(StoredKinds.Pools, pool.Id, StoreMapper.Shared.ToDocument(pool));

    /// <summary>Deletes a pool with everything it owns, and what its users own (<see cref="StoredKinds"/>).</summary>
    public void DeletePool(string userPoolId)
    {
        TouchedEverything = true;
        Lookup.DropPool(userPoolId);
        foreach (var kind in StoredKinds.All.Where(k => k.OwnedBy == Owner.User))
        {
            if (kind.PoolField is { } poolField)
            {
                Collection(kind).DeleteMany(Query.EQ(poolField, userPoolId));
                continue;
            }

            foreach (var userId in UserIdsOf(userPoolId))
            {
                Collection(kind).DeleteMany(kind.OfOwner(userId));
            }
        }

        foreach (var kind in StoredKinds.All.Where(k => k.OwnedBy == Owner.Pool))
        {
            Collection(kind).DeleteMany(kind.OfOwner(userPoolId));
        }

        _userCountChanges.Remove(userPoolId);
        Collection(StoredKinds.Pools).Delete(userPoolId);
    }

    public void InsertClient(AppClient client) => Insert(StoredKinds.Clients, client.ClientId, StoreMapper.Shared.ToDocument(client));

    public void UpdateClient(AppClient client) => Update(StoredKinds.Clients, client.ClientId, StoreMapper.Shared.ToDocument(client));

    public void DeleteClient(string clientId) => Delete(StoredKinds.Clients, clientId);

    /// <summary>
    /// Inserts a user under a new storage identity and files it under its lookup keys; a key already taken
    /// (a sub, a username, an alias) throws <see cref="LookupKeyTakenException"/>.
    /// </summary>
    public void InsertUser(UserPool pool, User user)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(user);
        user.Id = _store.NewUserId();
        foreach (var key in UserLookup.KeysOf(pool, user))
        {
            Lookup.File(pool.Id, key, user.Id);
        }

        Insert(StoredKinds.Users, user.Id, UserDocument(user));
        CountUsers(pool.Id, +1);
    }

    /// <summary>Saves a changed user this write read, and moves its lookup keys to match its attributes.</summary>
    public void UpdateUser(UserPool pool, User user)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(user);
        var key = new CacheKey(StoredKinds.Users, user.Id);
        RequireSeen(key);
        var stored = Document(key, () => Collection(StoredKinds.Users).FindById(user.Id))
            ?? throw new InvalidOperationException($"User {user.Id} is not stored.");
        var oldKeys = UserLookup.KeysOf(pool, StoreMapper.Shared.ToObject<User>(stored)).ToHashSet();
        var newKeys = UserLookup.KeysOf(pool, user).ToHashSet();
        foreach (var old in oldKeys.Except(newKeys))
        {
            Lookup.Unfile(pool.Id, old);
        }

        foreach (var added in newKeys.Except(oldKeys))
        {
            Lookup.File(pool.Id, added, user.Id);
        }

        Save(key, UserDocument(user), d => Collection(StoredKinds.Users).Update(d));
    }

    /// <summary>Deletes a user with its lookup keys and everything it owns, and forgets the cached reads of those alone.</summary>
    public void DeleteUser(UserPool pool, User user)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(user);
        foreach (var kind in StoredKinds.All.Where(k => k.OwnedBy == Owner.User))
        {
            var owned = Collection(kind);
            var ids = kind.OwnerField == "_id" ? [user.Id] : owned.Find(kind.OfOwner(user.Id)).Select(d => d["_id"].AsString).ToList();
            owned.DeleteMany(kind.OfOwner(user.Id));
            ids.ForEach(id => Forget(new CacheKey(kind, id)));
        }

        foreach (var key in UserLookup.KeysOf(pool, user))
        {
            Lookup.Unfile(pool.Id, key);
        }

        Delete(StoredKinds.Users, user.Id);
        CountUsers(pool.Id, -1);
    }

    /// <summary>Empties every kind a reset does not keep: all state, but not the instance's secrets.</summary>
    public void Reset()
    {
        TouchedEverything = true;
        _current.Clear();
        _userCountChanges.Clear();
        Lookup.Clear();
        foreach (var kind in StoredKinds.All.Where(k => !k.KeptOnReset))
        {
            Collection(kind).DeleteAll();
        }
    }

    private ILiteCollection<BsonDocument> Collection(StoredKind kind) => _store.Collection(kind);

    private List<string> UserIdsOf(string userPoolId) =>
        Collection(StoredKinds.Users).Find(StoredKinds.Users.OfOwner(userPoolId)).Select(d => d["_id"].AsString).ToList();

    // Counted as the transaction goes and written once when it commits: a seed of a hundred thousand users
    // writes its pool's count once, not a hundred thousand times.
    private void CountUsers(string userPoolId, int change) =>
        _userCountChanges[userPoolId] = _userCountChanges.GetValueOrDefault(userPoolId) + change;

    /// <summary>Writes what the transaction counted; the store calls it just before the commit.</summary>
    internal void WriteCounts()
    {
        var counts = Collection(StoredKinds.UserCounts);
        foreach (var (userPoolId, change) in _userCountChanges.Where(c => c.Value != 0))
        {
            if (Collection(StoredKinds.Pools).FindById(userPoolId) is not null)
            {
                counts.Upsert(new BsonDocument { ["_id"] = userPoolId, ["Count"] = UserCount(userPoolId) + change });
            }
        }

        _userCountChanges.Clear();
    }

    /// <summary>Marks a key stale for the cache: this write changed it.</summary>
    private void Touch(CacheKey key)
    {
        _touched.Add(key);
        _saved.Remove(key);
    }

    /// <summary>A document this write deleted, by a query or by its key: neither the cache nor this write may serve it again.</summary>
    private void Forget(CacheKey key)
    {
        Touch(key);
        _current.Remove(key);
        _seen.Add(key);
    }

    /// <summary>
    /// Writes a document by <paramref name="write"/> and keeps it as what this write knows of the key, and to
    /// cache under that key after the commit, while fewer than <see cref="SavedLimit"/> are kept.
    /// </summary>
    private void Save(CacheKey key, BsonDocument document, Action<BsonDocument> write)
    {
        // Touch takes out any earlier save of the key, so one not kept here is read from the file, never stale.
        Touch(key);
        _current.Remove(key);
        write(document);
        Remember(key, document);
        if (_saved.Count < SavedLimit)
        {
            _saved[key] = document;
        }
    }

    private void Insert(StoredKind kind, string id, BsonDocument document) =>
        Save(new CacheKey(kind, id), document, d => Collection(kind).Insert(d));

    /// <summary>Replaces the document of an entity this write read.</summary>
    private void Update(StoredKind kind, string id, BsonDocument document)
    {
        var key = new CacheKey(kind, id);
        RequireSeen(key);
        Save(key, document, d => Collection(kind).Update(d));
    }

    private void Delete(StoredKind kind, string id)
    {
        Collection(kind).Delete(id);
        Forget(new CacheKey(kind, id));
        Remember(new CacheKey(kind, id), null);
    }

    /// <summary>
    /// An update must follow a read of the same document in this write: a copy read outside it may be stale, and
    /// writing it back could lose another request's update.
    /// </summary>
    private void RequireSeen(CacheKey key)
    {
        if (!_seen.Contains(key))
        {
            throw new InvalidOperationException($"{key} was read outside the transaction that changes it.");
        }
    }

    private static BsonDocument UserDocument(User user)
    {
        var document = StoreMapper.Shared.ToDocument(user);
        document[Store.PoolOrderField] = Store.PoolOrderOf(user);
        return document;
    }
}
