using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

/// <summary>Another process has the data file open.</summary>
public sealed class DataFileInUseException(string path, Exception inner)
    : IOException($"The data file {path} is in use by another CognitoMock process.", inner)
{
    public string Path { get; } = path;
}

/// <summary>The data file is not one the store can open: encrypted with another password, or not LiteDB at all.</summary>
public sealed class DataFileUnreadableException(string path, Exception inner)
    : IOException($"The data file {path} cannot be opened: {inner.Message}", inner)
{
    public string Path { get; } = path;
}

/// <summary>
/// All state, in one LiteDB database: pools, app clients, users, devices and the instance's own secrets. The
/// user lookup index, derived from the users, is kept in memory beside it (<see cref="LookupIndex"/>). Nothing
/// outside this folder knows it is LiteDB.
/// </summary>
/// <remarks>
/// Writes go one at a time through <see cref="Write{T}"/>, each in one LiteDB transaction, so a change that
/// touches several documents (a user and its devices, a pool and everything under it) is atomic, and a
/// check-then-write inside it cannot race another writer. Its lookup keys change with it: other readers find
/// them only once it commits. Reads need no lock: LiteDB gives each a snapshot.
/// </remarks>
public sealed partial class Store : IDisposable
{
    internal const char Separator = '\u001f';

    private readonly LiteDatabase _db;
    private readonly FileStream? _ownership;
    private readonly Lock _writeLock = new();
    private readonly ReadCache _cache = new(capacity: 400_000);

    /// <summary>The transaction of the thread that holds the write lock; reads on that thread are its reads.</summary>
    private StoreTransaction? _transaction;
    private int _writerThread;

    private Store(LiteDatabase db, FileStream? ownership)
    {
        _db = db;
        LimitTransactionMemory(db);
        db.CheckpointSize = CheckpointPages;
        _ownership = ownership;
        Pools = db.GetCollection("pools");
        Clients = db.GetCollection("clients");
        Users = db.GetCollection("users");
        DeviceSets = db.GetCollection("devicesets");
        UserCounts = db.GetCollection("usercounts");
        Meta = db.GetCollection("meta");
        Grants = db.GetCollection("grants");
        Challenges = db.GetCollection("challenges");
        SigningKeys = db.GetCollection("signingkeys");
        EnsureIndexes();
        _lastUserNumber = LastUserNumber();
        // Files made before the index moved to memory keep it in this collection, which nothing reads now.
        db.DropCollection("userkeys");
        // A thread of its own, not the pool's: requests that wait for the build must not hold up its start.
        _lookupBuilt = Task.Factory.StartNew(BuildLookupIndex, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// A new user's _id: "~" and a counter, in 16 hex digits, one more than the last this file holds. The _id
    /// index then holds users in the order they were made, and the nodes a search for one passes near its end
    /// share a few index pages. With a random key, such as the sub, nearly every node it passes is on a page of
    /// its own, scattered across the file, and a LiteDB write copies each page it reads. Files from before keep
    /// their users' "pool/sub" _ids, which sort before these.
    /// </summary>
    internal string NewUserId() =>
        UserIdPrefix + Interlocked.Increment(ref _lastUserNumber).ToString("x16", CultureInfo.InvariantCulture);

    private const char UserIdPrefix = '~';

    private long _lastUserNumber;

    private long LastUserNumber() =>
        Users.Query().OrderByDescending("_id").Limit(1).ToDocuments().FirstOrDefault()?["_id"] is { IsString: true } last
        && last.AsString.StartsWith(UserIdPrefix)
            ? long.Parse(last.AsString.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : 0;

    /// <summary>Every store maps the same way, so the process makes one mapper, when a store first needs it.</summary>
    internal static BsonMapper Mapper => SharedMapper.Value;

    private static readonly Lazy<BsonMapper> SharedMapper = new(CreateMapper);

    internal ILiteCollection<BsonDocument> Pools { get; }

    internal ILiteCollection<BsonDocument> Clients { get; }

    internal ILiteCollection<BsonDocument> Users { get; }

    /// <summary>The lookup index, once it is built: the first to ask while it is being built waits for it.</summary>
    internal LookupIndex Lookup
    {
        get
        {
            _lookupBuilt.GetAwaiter().GetResult();
            return _lookup;
        }
    }

    private readonly LookupIndex _lookup = new();

    /// <summary>
    /// The build of the lookup index from the users, which starts when the store opens. A file of 100,000 users
    /// takes seconds to read, so the store opens without waiting for it: requests that name no user, such as
    /// ListUserPools, are answered at once, and the rest wait until it is done.
    /// </summary>
    private readonly Task _lookupBuilt;

    /// <summary>How many users each pool has: _id is the pool's ID, Count the number, kept by every user insert and delete.</summary>
    internal ILiteCollection<BsonDocument> UserCounts { get; }

    internal ILiteCollection<BsonDocument> Meta { get; }

    /// <summary>Opens the database at <paramref name="path"/>, or an empty one in memory when it is null.</summary>
    public static Store Open(string? path, string? password = null)
    {
        var connection = new ConnectionString
        {
            Filename = path ?? ":memory:",
            Connection = ConnectionType.Direct,
            Password = password,
            // Ordinal, so that case-sensitive pools keep "Alice" and "alice" apart in every index.
            Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
        };
        if (path is null)
        {
            return new Store(new LiteDatabase(connection), null);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var ownership = Own(path);
        try
        {
            DataFile.Check(path, password);
            return new Store(new LiteDatabase(connection), ownership);
        }
        catch (LiteException e)
        {
            ownership.Dispose();
            throw new DataFileUnreadableException(Path.GetFullPath(path), e);
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How many 8 KB pages all open transactions may hold in memory before LiteDB writes a transaction's dirty
    /// pages ahead to the log (a safepoint, still uncommitted). LiteDB's own limit is 100,000 pages, 800 MB,
    /// which one large transaction such as a 100,000-user seed takes whole; 12,000 keep it near 100 MB.
    /// </summary>
    internal const int TransactionMemoryPages = 12_000;

    /// <summary>
    /// How many 8 KB pages the log may hold before LiteDB copies them into the data file. LiteDB's 1,000 makes
    /// a checkpoint every few hundred writes, and each one syncs the data file and empties LiteDB's page cache,
    /// so the next writes read their index pages from disk again. 10,000 (80 MB of log at most) made
    /// AdminUpdateUserAttributes about a fifth faster, at 1,000 users and at 100,000 (docs/performance.md).
    /// A kill loses nothing either way: commits are in the log, and opening the file replays it.
    /// </summary>
    internal const int CheckpointPages = 10_000;

    /// <summary>
    /// LiteDB 5 has no setting for that limit; it is the free-page budget of the engine's transaction monitor,
    /// set here by reflection on the pinned version. Should a LiteDB upgrade rename those fields, the store
    /// keeps LiteDB's default, and LargeTransactionTests says so.
    /// </summary>
    private static void LimitTransactionMemory(LiteDatabase db)
    {
        var monitor = TransactionMonitorOf(db);
        monitor?.GetType().GetField("_freePages", BindingFlags.Instance | BindingFlags.NonPublic)?.SetValue(monitor, TransactionMemoryPages);
    }

    /// <summary>How many pages open transactions may still take, as the engine sees it (for tests), or null if unknown.</summary>
    internal int? FreeTransactionPages =>
        TransactionMonitorOf(_db) is { } monitor ? monitor.GetType().GetProperty("FreePages")?.GetValue(monitor) as int? : null;

    private static object? TransactionMonitorOf(LiteDatabase db)
    {
        const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
        var engine = typeof(LiteDatabase).GetField("_engine", Private)?.GetValue(db);
        return engine?.GetType().GetField("_monitor", Private)?.GetValue(engine);
    }

    /// <summary>
    /// One data file, one process: LiteDB's direct mode would let a second process open the same file and
    /// both write to it, so the store holds an exclusive lock on a file beside it for as long as it is open.
    /// </summary>
    private static FileStream Own(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new DataFileInUseException(Path.GetFullPath(path), e);
        }
    }

    public bool IsEmpty => Pools.Count() == 0;

    public UserPool? GetPool(string userPoolId) => ReadShared<UserPool>(CachedDocument("pool:" + userPoolId, Pools, userPoolId));

    public IEnumerable<UserPool> AllPools() => Pools.FindAll().Select(Read<UserPool>).OfType<UserPool>();

    public AppClient? GetClient(string clientId) => Read<AppClient>(CachedDocument("client:" + clientId, Clients, clientId));

    public IEnumerable<AppClient> ClientsOf(string userPoolId) =>
        Clients.Find(Query.EQ(nameof(AppClient.UserPoolId), userPoolId)).Select(Read<AppClient>).OfType<AppClient>()
            .OrderBy(c => c.ClientId, StringComparer.Ordinal);

    public User? GetUser(string userId) => Read<User>(CachedDocument("user:" + userId, Users, userId));

    /// <summary>How many users a pool has, by one document read (DescribeUserPool's EstimatedNumberOfUsers).</summary>
    public int UserCount(string userPoolId) => UserCounts.FindById(userPoolId)?["Count"].AsInt32 ?? 0;

    /// <summary>A pool's users in username order, read as they are enumerated.</summary>
    public IEnumerable<User> UsersOf(string userPoolId) =>
        Users.Find(InPool(PoolOrderField, userPoolId)).Select(Read<User>).OfType<User>();

    /// <summary>The user whose sub this is, in the pool.</summary>
    public User? FindUserBySub(string userPoolId, string sub) =>
        FindUserId(userPoolId, new LookupKey(UserLookup.Sub, sub)) is { } userId ? GetUser(userId) : null;

    /// <summary>The _id of the user filed under a lookup key; a write finds its own changes.</summary>
    public string? FindUserId(string userPoolId, LookupKey key) =>
        InWrite ? _transaction!.Lookup.Find(userPoolId, key) : Lookup.Find(userPoolId, key);

    /// <summary>A secret of this instance, made on first use and kept in the database so it survives restarts.</summary>
    public byte[] Secret(string name, Func<byte[]> create)
    {
        if (Meta.FindById(name) is { } existing)
        {
            return existing["Value"].AsBinary;
        }

        return Write(_ =>
        {
            if (Meta.FindById(name) is { } raced)
            {
                return raced["Value"].AsBinary;
            }

            var value = create();
            Meta.Insert(new BsonDocument { ["_id"] = name, ["Value"] = value });
            return value;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> as the only writer, in one transaction that commits only if it returns.
    /// What it reads through the store is the committed state or its own changes, each read a fresh object, and
    /// only what it read may it update, so a change never starts from a copy another request is looking at, and
    /// no update is lost.
    /// </summary>
    public T Write<T>(Func<StoreTransaction, T> work)
    {
        // A write inside a write (a pool's first signing key, made during a sign-in) is part of the outer one.
        if (InWrite)
        {
            return work(_transaction!);
        }

        lock (_writeLock)
        {
            // No write begins before the index is built: the build reads the users as no write has changed them.
            var transaction = new StoreTransaction(this, Lookup);
            _transaction = transaction;
            _writerThread = Environment.CurrentManagedThreadId;
            _db.BeginTrans();
            var committed = false;
            try
            {
                var result = work(transaction);
                transaction.WriteCounts();
                _db.Commit();
                committed = true;
                _lookup.Apply(transaction.Lookup);
                return result;
            }
            catch
            {
                _db.Rollback();
                throw;
            }
            finally
            {
                _writerThread = 0;
                _transaction = null;
                _cache.Invalidate(transaction.Touched, transaction.TouchedEverything);
                // What it saved is what the file now holds: the next request for it, a read or the next write,
                // finds it in the cache instead of seeking it in the file's indexes.
                if (committed && !transaction.TouchedEverything)
                {
                    _cache.Put(transaction.Saved);
                }
            }
        }
    }

    public void Write(Action<StoreTransaction> work) => Write(tx =>
    {
        work(tx);
        return true;
    });

    public void Dispose()
    {
        // The build reads the database, so it ends before the database closes; a failed one has nothing to undo.
        try
        {
            _lookupBuilt.Wait();
        }
        catch (AggregateException)
        {
        }

        _db.Dispose();
        _ownership?.Dispose();
    }

    /// <summary>Every key of an index field whose values start with the pool's ID and the separator.</summary>
    internal static BsonExpression InPool(string field, string userPoolId)
    {
        var prefix = userPoolId + Separator;
        return Query.Between(field, prefix, prefix + '\uffff');
    }

    internal T? Read<T>(BsonDocument? document) where T : class
    {
        if (document is null)
        {
            return null;
        }

        var value = Mapper.ToObject<T>(document);
        if (InWrite)
        {
            _transaction!.Remember(value, document);
        }

        return value;
    }

    /// <summary>
    /// A document read on nearly every request and changed rarely (a pool, with its schema and settings): mapped
    /// once per cached document and shared by every reader outside a write, who must not change it. A write
    /// maps its own copy, and only a copy read in the write can be written (<see cref="StoreTransaction"/>), so
    /// a change reaches readers only as a new document, mapped afresh.
    /// </summary>
    private T? ReadShared<T>(BsonDocument? document) where T : class =>
        document is null ? null
        : InWrite ? Read<T>(document)
        : (T)_shared.GetValue(document, d => Mapper.ToObject<T>(d));

    private readonly ConditionalWeakTable<BsonDocument, object> _shared = new();

    private bool InWrite => _writerThread == Environment.CurrentManagedThreadId;

    /// <summary>A document by ID, through the cache; each caller makes its own object of it.</summary>
    private BsonDocument? CachedDocument(string key, ILiteCollection<BsonDocument> collection, string id) =>
        Cached(key, () => collection.FindById(id));

    /// <summary>
    /// A read through the cache, which holds what the database holds: documents and strings, never the domain
    /// objects made of them, so no caller can change what another reads (pools alone are shared, read-only:
    /// <see cref="ReadShared{T}"/>). What a write has itself changed, it reads from the database.
    /// </summary>
    private T? Cached<T>(string key, Func<T?> load) where T : class
    {
        // The writer is the only one who can commit, so the cache is current for it too, except for what its
        // own transaction has changed.
        if (InWrite && _transaction!.Changed(key))
        {
            return load();
        }

        if (_cache.TryGet<T>(key, out var hit))
        {
            return hit;
        }

        var generation = _cache.Generation;
        var value = load();
        _cache.Add(key, value, generation);
        return value;
    }

    /// <summary>
    /// Files every user of every pool under its keys. Of two users that claim one key (a file edited by hand),
    /// the first keeps it, and <see cref="CheckInvariants"/> names the other.
    /// </summary>
    private void BuildLookupIndex()
    {
        foreach (var pool in AllPools())
        {
            foreach (var user in UsersOf(pool.Id))
            {
                foreach (var key in UserLookup.KeysOf(pool, user))
                {
                    _lookup.TryAdd(pool.Id, key, user.Id);
                }
            }
        }
    }

    private void EnsureIndexes()
    {
        Clients.EnsureIndex(nameof(AppClient.UserPoolId));
        Users.EnsureIndex(PoolOrderField);
        Grants.EnsureIndex(nameof(Grant.UserId));
        Grants.EnsureIndex(nameof(Grant.UserPoolId));
        Grants.EnsureIndex(nameof(Grant.RefreshTokenHash), unique: true);
        Challenges.EnsureIndex(nameof(ChallengeSession.UserId));
        Challenges.EnsureIndex(nameof(ChallengeSession.UserPoolId));
        Challenges.EnsureIndex(nameof(ChallengeSession.Expires));
    }

    /// <summary>A mapper for the store's documents, which has learned every stored type (<see cref="LearnEveryStoredType"/>).</summary>
    internal static BsonMapper CreateMapper()
    {
        // Attribute values are data: keep their whitespace and empty strings exactly.
        var mapper = new BsonMapper { TrimWhitespace = false, EmptyStringToNull = false, SerializeNullValues = false };
        mapper.RegisterType(
            serialize: value => new BsonValue(value.ToUniversalTime()),
            deserialize: value => value.AsDateTime.ToUniversalTime());
        mapper.Entity<UserPool>().Id(p => p.Id, autoId: false).Ignore(p => p.SrpPoolName).Ignore(p => p.TracksDevices)
            .Ignore(p => p.SmsMfaEnabled).Ignore(p => p.MfaMode).Ignore(p => p.RememberedDeviceReplacesMfa);
        mapper.Entity<UserMfa>().Ignore(m => m.Preferred);
        // A page lists up to 60 devices, each mapped on every read: by hand, not by reflection.
        mapper.RegisterType(DeviceDocuments.ToDocument, DeviceDocuments.FromDocument);
        mapper.Entity<AppClient>().Id(c => c.ClientId, autoId: false);
        mapper.Entity<User>().Id(u => u.Id, autoId: false);
        mapper.Entity<Grant>().Id(g => g.Id, autoId: false);
        mapper.Entity<ChallengeSession>().Id(c => c.Id, autoId: false);
        LearnEveryStoredType(mapper);
        return mapper;
    }

    /// <summary>
    /// LiteDB's mapper learns a type's members the first time it maps one, and publishes the type before it has
    /// learned them all: a second thread mapping the same type at that moment fails ("Collection was
    /// modified"). Requests and the build of the lookup index read on many threads from the start, so the
    /// mapper learns every stored type first, on one thread, by the method it would call itself (internal, by
    /// reflection on the pinned version; MapperTests shows it if an upgrade renames it). That takes some 50 ms,
    /// most of it compiling each member's getter and setter: once per process.
    /// </summary>
    private static void LearnEveryStoredType(BsonMapper mapper)
    {
        var learn = typeof(BsonMapper).GetMethod("GetEntityMapper", BindingFlags.Instance | BindingFlags.NonPublic);
        var seen = new HashSet<Type>();
        var next = new Queue<Type>([typeof(UserPool), typeof(AppClient), typeof(User), typeof(Grant), typeof(ChallengeSession)]);
        while (learn is not null && next.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            learn.Invoke(mapper, [type]);
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                var stored = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[^1] : property.PropertyType;
                if (stored.Assembly == typeof(User).Assembly && !stored.IsEnum)
                {
                    next.Enqueue(stored);
                }
            }
        }
    }
}
