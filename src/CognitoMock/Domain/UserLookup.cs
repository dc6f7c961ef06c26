namespace CognitoMock.Domain;

/// <summary>One way to find a user: a kind of name and its value as the index holds it.</summary>
public readonly record struct LookupKey(string Kind, string Value);

/// <summary>
/// The rules of docs/behaviour.md §3: which names find a user, and how each is folded for the index.
/// The sub is filed too, as it is: admin operations take it, sign-in does not (<see cref="CandidatesFor"/>).
/// </summary>
public static class UserLookup
{
    public const string Sub = "sub";
    public const string Username = "username";
    public const string Email = "email";
    public const string PhoneNumber = "phone_number";
    public const string PreferredUsername = "preferred_username";

    /// <summary>The keys under which the index files this user.</summary>
    public static IEnumerable<LookupKey> KeysOf(UserPool pool, User user)
    {
        yield return new LookupKey(Sub, user.Sub);
        yield return new LookupKey(Username, Fold(pool, Username, user.Username));
        foreach (var kind in AliasKinds(pool))
        {
            var value = user.GetAttribute(kind);
            if (!string.IsNullOrEmpty(value) && IsActive(pool, user, kind))
            {
                yield return new LookupKey(kind, Fold(pool, kind, value));
            }
        }
    }

    /// <summary>The keys to try, in order, for a username or alias a caller gave: not the sub.</summary>
    public static IEnumerable<LookupKey> CandidatesFor(UserPool pool, string name)
    {
        yield return new LookupKey(Username, Fold(pool, Username, name));
        foreach (var kind in AliasKinds(pool))
        {
            yield return new LookupKey(kind, Fold(pool, kind, name));
        }
    }

    /// <summary>The alias attributes and username attributes of the pool, each once.</summary>
    public static IEnumerable<string> AliasKinds(UserPool pool) =>
        pool.UsernameAttributes.Concat(pool.AliasAttributes).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Whether the attribute finds the user now. A username attribute always does; an email or phone
    /// alias only once verified; preferred_username always.
    /// </summary>
    public static bool IsActive(UserPool pool, User user, string kind) =>
        pool.UsernameAttributes.Contains(kind) || kind == PreferredUsername || user.IsVerified(kind);

    /// <summary>Case-insensitive pools fold usernames, preferred_username and email (docs/behaviour.md §3).</summary>
    public static string Fold(UserPool pool, string kind, string value) =>
        pool.CaseSensitive || kind == PhoneNumber ? value : value.ToLowerInvariant();
}
