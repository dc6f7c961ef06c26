using LiteDB;

namespace CognitoMock.Storage;

/// <summary>
/// What the store last read of each document, so a hot read is a dictionary lookup instead of a LiteDB query.
/// It holds only committed state: a write removes what it touched once it commits, then puts back what it saved,
/// and a read that raced a write keeps its result to itself (the generation moved), so a stale document never stays.
/// </summary>
internal sealed class ReadCache(int capacity)
{
    private readonly Dictionary<CacheKey, BsonDocument?> _entries = [];
    private readonly Lock _lock = new();
    private long _generation;

    /// <summary>A document of its own stands for "looked up, and not there", so misses are cached too.</summary>
    private static readonly BsonDocument Missing = [];

    public long Generation
    {
        get
        {
            lock (_lock)
            {
                return _generation;
            }
        }
    }

    public bool TryGet(CacheKey key, out BsonDocument? value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                value = ReferenceEquals(entry, Missing) ? null : entry;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Keeps what a read found, unless a write committed since <paramref name="generation"/>.</summary>
    public void Add(CacheKey key, BsonDocument? value, long generation)
    {
        lock (_lock)
        {
            if (generation != _generation)
            {
                return;
            }

            Keep(key, value);
        }
    }

    private void Keep(CacheKey key, BsonDocument? value)
    {
        // A crude bound: past capacity, start again rather than track what is least used.
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = value ?? Missing;
    }

    /// <summary>What a write committed, kept by the writer while no other write can commit.</summary>
    public void Put(IEnumerable<KeyValuePair<CacheKey, BsonDocument>> committed)
    {
        lock (_lock)
        {
            foreach (var (key, document) in committed)
            {
                Keep(key, document);
            }
        }
    }

    /// <summary>After a commit or a rollback: forget what the transaction touched, and move the generation.</summary>
    public void Invalidate(IEnumerable<CacheKey> keys, bool everything)
    {
        lock (_lock)
        {
            _generation++;
            if (everything)
            {
                _entries.Clear();
                return;
            }

            foreach (var key in keys)
            {
                _entries.Remove(key);
            }
        }
    }
}
