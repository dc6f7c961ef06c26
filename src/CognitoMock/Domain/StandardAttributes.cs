namespace CognitoMock.Domain;

/// <summary>The attributes every pool has, and the custom ones its schema adds as custom:name.</summary>
public static class StandardAttributes
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name", "locale",
        "middle_name", "name", "nickname", "phone_number", "phone_number_verified", "picture",
        "preferred_username", "profile", "sub", "updated_at", "website", "zoneinfo",
    };

    public const string CustomPrefix = "custom:";

    public static bool IsKnown(UserPool pool, string name) =>
        Names.Contains(name)
        || (name.StartsWith(CustomPrefix, StringComparison.Ordinal)
            && pool.Schema.Exists(s => s.Name == name[CustomPrefix.Length..] && !Names.Contains(s.Name)));
}
