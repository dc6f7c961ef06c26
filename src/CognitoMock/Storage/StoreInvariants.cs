using CognitoMock.Domain;

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
    /// Checks that every user, client and device set belongs to something that exists, that each user is
    /// filed under exactly its own lookup keys (so no alias is held by two users), that no key points nowhere,
    /// that no user has one device key twice, and that each pool's user count is its number of users.
    /// </summary>
    public InvariantReport CheckInvariants()
    {
        var problems = new List<string>();
        var pools = Pools.FindAll().Select(Read<UserPool>).OfType<UserPool>().ToDictionary(p => p.Id, StringComparer.Ordinal);

        var clients = 0;
        foreach (var client in Clients.FindAll().Select(Read<AppClient>).OfType<AppClient>())
        {
            clients++;
            if (!pools.ContainsKey(client.UserPoolId))
            {
                problems.Add($"app client {client.ClientId} belongs to pool {client.UserPoolId}, which does not exist.");
            }
        }

        var keys = Lookup.All().ToDictionary(k => KeyId(k.UserPoolId, k.Key), k => k.UserId, StringComparer.Ordinal);
        var expectedKeys = new HashSet<string>(StringComparer.Ordinal);
        var users = new HashSet<string>(StringComparer.Ordinal);
        var usersPerPool = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in Users.FindAll().Select(Read<User>).OfType<User>())
        {
            users.Add(user.Id);
            if (!pools.TryGetValue(user.UserPoolId, out var pool))
            {
                problems.Add($"user {user.Id} belongs to pool {user.UserPoolId}, which does not exist.");
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
        foreach (var set in DeviceSets.FindAll())
        {
            var owner = set["_id"].AsString;
            var deviceKeys = set[DevicesField].AsArray.Select(d => d["DeviceKey"].AsString).ToList();
            devices += deviceKeys.Count;
            if (!users.Contains(owner))
            {
                problems.Add($"{deviceKeys.Count} devices belong to user {owner}, who does not exist.");
            }

            foreach (var twice in deviceKeys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"user {owner} has the device {twice.Key} {twice.Count()} times.");
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

        return new InvariantReport(pools.Count, clients, users.Count, devices, problems);
    }

    private static string KeyId(string userPoolId, LookupKey key) => string.Join('/', userPoolId, key.Kind, key.Value);
}
