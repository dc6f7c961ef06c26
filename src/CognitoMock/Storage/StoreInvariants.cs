using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

/// <summary>What <see cref="Store.CheckInvariants"/> counted, and every way the data broke a rule.</summary>
public sealed record InvariantReport(int Pools, int Clients, int Users, int Devices, IReadOnlyList<string> Problems)
{
    public bool Holds => Problems.Count == 0;
}

// The rules every committed state keeps, checked from the documents themselves rather than through the
// cache: what `cognito-mock --check` runs, and what the crash-safety script asks after every kill. The lookup
// index is checked as the store holds it in memory: built from the file when it opened, then kept by writes.
public sealed partial class Store
{
    /// <summary>
    /// Checks that every document of every kind belongs to something that exists (<see cref="StoredKinds"/>),
    /// that each user is filed under exactly its own lookup keys (so no alias is held by two users), that no
    /// key points nowhere, that no user has one device key twice, and that each pool's user count is its
    /// number of users.
    /// </summary>
    public InvariantReport CheckInvariants()
    {
        var problems = new List<string>();
        var pools = AllPools().ToDictionary(p => p.Id, StringComparer.Ordinal);
        var userIds = Collection(StoredKinds.Users).FindAll().Select(d => d["_id"].AsString).ToHashSet(StringComparer.Ordinal);
        foreach (var kind in StoredKinds.All.Where(k => k.OwnedBy != Owner.None))
        {
            var owners = kind.OwnedBy == Owner.Pool ? pools.Keys.ToHashSet(StringComparer.Ordinal) : userIds;
            foreach (var orphan in Collection(kind).FindAll().Where(d => !owners.Contains(d[kind.OwnerField!].AsString)))
            {
                problems.Add($"{kind.Collection} {orphan["_id"].RawValue} belongs to {kind.OwnedBy.ToString().ToLowerInvariant()} {orphan[kind.OwnerField!].AsString}, which does not exist.");
            }
        }

        var keys = Lookup.All().ToDictionary(k => KeyId(k.UserPoolId, k.Key), k => k.UserId, StringComparer.Ordinal);
        var expectedKeys = new HashSet<string>(StringComparer.Ordinal);
        var usersPerPool = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in Mapped<User>(StoredKinds.Users, Collection(StoredKinds.Users).FindAll()))
        {
            if (!pools.TryGetValue(user.UserPoolId, out var pool))
            {
                continue;
            }

            usersPerPool[pool.Id] = usersPerPool.GetValueOrDefault(pool.Id) + 1;
            foreach (var key in UserLookup.KeysOf(pool, user))
            {
                var id = KeyId(pool.Id, key);
                expectedKeys.Add(id);
                if (!keys.TryGetValue(id, out var holder))
                {
                    problems.Add($"user {user.Id} has {key.Kind} \"{key.Value}\", but no lookup key finds it.");
                }
                else if (holder != user.Id)
                {
                    problems.Add($"user {user.Id} has {key.Kind} \"{key.Value}\", which finds user {holder}.");
                }
            }
        }

        foreach (var (id, holder) in keys.Where(k => !expectedKeys.Contains(k.Key)))
        {
            problems.Add($"the lookup key {id} finds user {holder}, who does not have it.");
        }

        var devices = 0;
        foreach (var set in Collection(StoredKinds.DeviceSets).FindAll())
        {
            var deviceKeys = set[DevicesField].AsArray.Select(d => d["DeviceKey"].AsString).ToList();
            devices += deviceKeys.Count;
            foreach (var twice in deviceKeys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"user {set["_id"].AsString} has the device {twice.Key} {twice.Count()} times.");
            }
        }

        foreach (var pool in pools.Values)
        {
            var (counted, actual) = (UserCount(pool.Id), usersPerPool.GetValueOrDefault(pool.Id));
            if (counted != actual)
            {
                problems.Add($"pool {pool.Id} counts {counted} users but has {actual}.");
            }
        }

        return new InvariantReport(pools.Count, Collection(StoredKinds.Clients).Count(), userIds.Count, devices, problems);
    }

    private static string KeyId(string userPoolId, LookupKey key) => string.Join('/', userPoolId, key.Kind, key.Value);
}
