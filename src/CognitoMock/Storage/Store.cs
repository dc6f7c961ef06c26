using System.Globalization;
using System.Reflection;
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
/// All state, in one LiteDB database: the kinds of <see cref="StoredKinds"/>. The user lookup index, derived from
/// the users, is kept in memory beside it (<see cref="LookupIndex"/>). Nothing outside this folder knows it is
/// LiteDB.
/// </summary>
/// <remarks>
/// <para>
/// The store is itself the view of the committed state (<see cref="StoreView"/>): reads need no lock, LiteDB gives
/// each a snapshot, and hot documents come from the read cache. Writes go one at a time through
/// <see cref="Write{T}"/>, each in one LiteDB transaction that its work reads and writes through: the
/// <see cref="StoreTransaction"/> it is handed. So a change that touches several documents is atomic, and a
/// check-then-write inside it cannot race another writer. Its lookup keys change with it: other readers find
/// them only once it commits.
/// </para>
/// <para>
/// LiteDB binds a transaction to the thread that opened it. Every LiteDB call of a write therefore runs on the
/// thread that called <see cref="Write{T}"/>, synchronously, and every read outside a write finishes on the
/// thread that began it: nothing here awaits with a cursor open.
/// </para>
/// </remarks>
public sealed partial class Store : StoreView, IDisposable
{
    internal const char Separator = '\u001f';

    private readonly LiteDatabase _db;
    private readonly FileStream? _ownership;
    private readonly Lock _writeLock = new();
    private readonly ReadCache _cache = new(capacity: 400_000);
    private readonly Dictionary<StoredKind, ILiteCollection<BsonDocument>> _collections;

    private Store(LiteDatabase db, FileStream? ownership)
    {
        _db = db;
        LimitTransactionMemory(db);
        db.CheckpointSize = CheckpointPages;
        _ownership = ownership;
        _collections = StoredKinds.All.ToDictionary(kind => kind, kind => db.GetCollection(kind.Collection));
        foreach (var kind in StoredKinds.All)
        {
            foreach (var (field, unique) in kind.Indexes)
            {
                _collections[kind].EnsureIndex(field, unique);
            }
        }

        _lastUserNumber = LastUserNumber();
        // Files made before the index moved to memory keep it in this collection, which nothing reads now.
        db.DropCollection("userkeys");
        // A thread of its own, not the pool's: requests that wait for the build must not hold up its start.
        _lookupBuilt = Task.Factory.StartNew(BuildLookupIndex, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    internal override Store Source => this;

    internal ILiteCollection<BsonDocument> Collection(StoredKind kind) => _collections[kind];

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
        Collection(StoredKinds.Users).Query().OrderByDescending("_id").Limit(1).ToDocuments().FirstOrDefault()?["_id"] is { IsString: true } last
        && last.AsString.StartsWith(UserIdPrefix)
            ? long.Parse(last.AsString.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : 0;

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
            return new Store(new LiteDatabase(connection, StoreMapper.Shared), null);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var ownership = Own(path);
        try
        {
            DataFile.Check(path, password);
            return new Store(new LiteDatabase(connection, StoreMapper.Shared), ownership);
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

    public bool IsEmpty => Collection(StoredKinds.Pools).Count() == 0;

    /// <summary>The _id of the user filed under a lookup key, as committed.</summary>
    public override string? FindUserId(string userPoolId, LookupKey key) => Lookup.Find(userPoolId, key);

    /// <summary>A secret of this instance, made on first use and kept in the database so it survives restarts.</summary>
    public byte[] Secret(string name, Func<byte[]> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var meta = Collection(StoredKinds.Meta);
        if (meta.FindById(name) is { } existing)
        {
            return existing["Value"].AsBinary;
        }

        return Write(_ =>
        {
            if (meta.FindById(name) is { } raced)
            {
                return raced["Value"].AsBinary;
            }

            var value = create();
            meta.Insert(new BsonDocument { ["_id"] = name, ["Value"] = value });
            return value;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> as the only writer, in one transaction that commits only if it returns.
    /// <paramref name="work"/> reads through the transaction it is handed, which finds the committed state and
    /// its own changes, each read a fresh object; and only what it read may it update, so a change never
    /// starts from a copy another request is looking at, and no update is lost. A write cannot contain
    /// another: the transaction is a value the work holds, not something the thread remembers.
    /// </summary>
    public T Write<T>(Func<StoreTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_writeLock.IsHeldByCurrentThread)
        {
            // A write's work holds its transaction; one begun inside it would be a second, which LiteDB cannot have on one thread.
            throw new InvalidOperationException("A write cannot begin inside another write: do it in the outer write's transaction.");
        }

        lock (_writeLock)
        {
            // No write begins before the index is built: the build reads the users as no write has changed them.
            var transaction = new StoreTransaction(this, Lookup);
            if (!_db.BeginTrans())
            {
                // LiteDB keeps one transaction a thread: one open here (a snapshot being read) would swallow this write.
                throw new InvalidOperationException("A LiteDB transaction is already open on this thread; the write was not begun.");
            }

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
            finally
            {
                if (!committed)
                {
                    _db.Rollback();
                }

                _cache.Invalidate(transaction.Touched, transaction.TouchedEverything);
                // What it saved is what the file now holds: the next request for it, a read or the next write,
                // finds it in the cache instead of seeking it in the file's indexes.
                if (committed && !transaction.TouchedEverything)
                {
                    _cache.Put(transaction.Saved);
                }

                transaction.End(committed);
            }
        }
    }

    public void Write(Action<StoreTransaction> work) => Write(tx =>
    {
        work(tx);
        return true;
    });

    /// <summary>
    /// Runs <paramref name="read"/> over one consistent state: every collection as it was at one moment, however
    /// many writes commit while it reads. Its LiteDB transaction is bound to the calling thread, so the caller
    /// gives it a thread of its own when the read is long (an export streamed to a client) and must not await
    /// while it runs. Writers wait only while the snapshot is taken, not while it is read.
    /// </summary>
    public T ReadSnapshot<T>(Func<StoreView, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _lookupBuilt.GetAwaiter().GetResult();
        lock (_writeLock)
        {
            if (!_db.BeginTrans())
            {
                throw new InvalidOperationException("A LiteDB transaction is already open on this thread; the snapshot was not taken.");
            }

            // LiteDB takes a transaction's view of a collection when it first reads it; reading each one now, while
            // no write can commit, makes every view the same moment's.
            foreach (var collection in _collections.Values)
            {
                collection.FindOne(Query.All());
            }
        }

        try
        {
            return read(new StoreSnapshot(this));
        }
        finally
        {
            _db.Rollback();
        }
    }

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

    /// <summary>
    /// A document read on nearly every request and changed rarely (a pool): mapped once per cached document and
    /// shared by every reader, which is safe because pools are immutable.
    /// </summary>
    private protected override T? Map<T>(CacheKey key, BsonDocument? document) where T : class =>
        document is null ? null
        : typeof(T) == typeof(UserPool) ? (T)_shared.GetValue(document, d => StoreMapper.Shared.ToObject<T>(d))
        : StoreMapper.Shared.ToObject<T>(document);

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<BsonDocument, object> _shared = [];

    /// <summary>
    /// A read through the cache, which holds what the database holds: documents, never the domain objects made
    /// of them, so no caller can change what another reads (pools alone are shared, and immutable).
    /// </summary>
    private protected override BsonDocument? Document(CacheKey key, Func<BsonDocument?> load)
    {
        if (_cache.TryGet(key, out var hit))
        {
            return hit;
        }

        var generation = _cache.Generation;
        var value = load();
        _cache.Add(key, value, generation);
        return value;
    }

    /// <summary>Whether the read cache holds a document (or a miss) for the key: for tests of what a write evicts.</summary>
    internal bool Caches(CacheKey key) => _cache.TryGet(key, out _);

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
}
