using System.Collections.Concurrent;
using CognitoMock.Domain;

namespace CognitoMock.Storage;

/// <summary>
/// Which user each lookup key of a pool finds: its username and its active aliases (docs/behaviour.md §3). The index is
/// derived from the users, so it lives in memory only. The store builds it from the user documents when it opens,
/// and a write changes it when it commits, through its <see cref="LookupChanges"/>.
/// </summary>
/// <remarks>
/// It used to be a LiteDB collection. Moving an email then cost a delete and an insert in a skip list of every
/// pool's keys, each touching pages all over the file, and a log write of every page touched: at 100,000 users
/// AdminUpdateUserAttributes did about 1,500 requests a second, against 3,600 to 4,500 with this index
/// (docs/performance.md).
/// </remarks>
internal sealed class LookupIndex
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<LookupKey, string>> _pools = new(StringComparer.Ordinal);

    /// <summary>The _id of the user the key finds in the pool, as last committed.</summary>
    public string? Find(string userPoolId, LookupKey key) =>
        _pools.TryGetValue(userPoolId, out var keys) && keys.TryGetValue(key, out var userId) ? userId : null;

    /// <summary>Files a key while the index is built; false if another user holds it already, who keeps it.</summary>
    public bool TryAdd(string userPoolId, LookupKey key, string userId) =>
        _pools.GetOrAdd(userPoolId, _ => new()).TryAdd(key, userId);

    /// <summary>Every key of every pool, with the user it finds.</summary>
    public IEnumerable<(string UserPoolId, LookupKey Key, string UserId)> All() =>
        _pools.SelectMany(pool => pool.Value.Select(entry => (pool.Key, entry.Key, entry.Value)));

    /// <summary>Makes a committed write's changes what every reader finds; the store calls it under its write lock.</summary>
    public void Apply(LookupChanges changes)
    {
        if (changes.Cleared)
        {
            _pools.Clear();
        }

        foreach (var userPoolId in changes.DroppedPools)
        {
            _pools.TryRemove(userPoolId, out _);
        }

        // New keys before removed ones: a reader that races the commit may find a user by its old email and its
        // new one for a moment, but never by neither.
        foreach (var (userPoolId, key, userId) in changes.Filed)
        {
            _pools.GetOrAdd(userPoolId, _ => new())[key] = userId;
        }

        foreach (var (userPoolId, key) in changes.Unfiled)
        {
            if (_pools.TryGetValue(userPoolId, out var keys))
            {
                keys.TryRemove(key, out _);
            }
        }
    }
}

/// <summary>
/// The lookup keys one write files and unfiles. That write finds its own changes over the committed index;
/// every other reader finds them only once it commits, and never if it rolls back.
/// </summary>
internal sealed class LookupChanges(LookupIndex committed)
{
    // The user a key now finds, or null for a key this write unfiled.
    private readonly Dictionary<(string UserPoolId, LookupKey Key), string?> _changes = [];
    private readonly HashSet<string> _droppedPools = new(StringComparer.Ordinal);

    /// <summary>Whether this write emptied the whole index first.</summary>
    public bool Cleared { get; private set; }

    public IEnumerable<string> DroppedPools => _droppedPools;

    public IEnumerable<(string UserPoolId, LookupKey Key, string UserId)> Filed =>
        _changes.Where(c => c.Value is not null).Select(c => (c.Key.UserPoolId, c.Key.Key, c.Value!));

    public IEnumerable<(string UserPoolId, LookupKey Key)> Unfiled => _changes.Where(c => c.Value is null).Select(c => c.Key);

    public string? Find(string userPoolId, LookupKey key) =>
        _changes.TryGetValue((userPoolId, key), out var userId) ? userId
        : Cleared || _droppedPools.Contains(userPoolId) ? null
        : committed.Find(userPoolId, key);

    /// <summary>Files the key for the user; a key another user holds throws <see cref="LookupKeyTakenException"/>.</summary>
    public void File(string userPoolId, LookupKey key, string userId)
    {
        if (Find(userPoolId, key) is { } holder && holder != userId)
        {
            throw new LookupKeyTakenException(key);
        }

        _changes[(userPoolId, key)] = userId;
    }

    public void Unfile(string userPoolId, LookupKey key) => _changes[(userPoolId, key)] = null;

    /// <summary>Unfiles every key of a pool, the ones this write filed included.</summary>
    public void DropPool(string userPoolId)
    {
        _droppedPools.Add(userPoolId);
        _changes.Keys.Where(k => k.UserPoolId == userPoolId).ToList().ForEach(k => _changes.Remove(k));
    }

    /// <summary>Unfiles every key of every pool.</summary>
    public void Clear()
    {
        Cleared = true;
        _changes.Clear();
        _droppedPools.Clear();
    }
}
