using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;

namespace CognitoMock.Seeding;

/// <summary>
/// Refuses the nulls a seed cannot hold: an entry of a list or a map, and a member whose type does not allow
/// null. JSON can write null anywhere and code can build a document with one; either would otherwise reach the
/// loader as a NullReferenceException, a 500 where the file's error at its path belongs. The walk follows the
/// seed's JSON contract, so the paths are the serializer's and a new member of any seed type is covered.
/// </summary>
internal static class SeedNulls
{
    private static readonly ConcurrentDictionary<JsonTypeInfo, (JsonPropertyInfo Property, JsonTypeInfo Type)[]> Checked = new();

    /// <summary>The document, but not its pools' users, which a file streams as they load: <see cref="CheckUser"/> takes each.</summary>
    public static void CheckDocument(SeedDocument document, string file) =>
        Walk(document, SeedJsonContext.Default.SeedDocument, "$", file);

    public static void CheckUser(SeedUser? user, string path, string file)
    {
        if (user is null)
        {
            throw new SeedException(file, path, "a user is an object, not null.");
        }

        Walk(user, SeedJsonContext.Default.SeedUser, path, file);
    }

    private static void Walk(object value, JsonTypeInfo type, string path, string file)
    {
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var (property, inner) in Checked.GetOrAdd(type, Members))
                {
                    var member = property.Get!(value);
                    if (member is null && !property.IsGetNullable)
                    {
                        throw new SeedException(file, $"{path}.{property.Name}", "null is not a value of this member; leave it out instead.");
                    }

                    Inner(member, inner, () => $"{path}.{property.Name}", file);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                var element = type.Options.GetTypeInfo(type.ElementType!);
                var index = 0;
                foreach (var entry in (IEnumerable)value)
                {
                    var at = index++;
                    if (entry is null)
                    {
                        throw new SeedException(file, $"{path}[{at}]", "an entry of a list cannot be null.");
                    }

                    Inner(entry, element, () => $"{path}[{at}]", file);
                }

                break;
            case JsonTypeInfoKind.Dictionary:
                var values = type.Options.GetTypeInfo(type.ElementType!);
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    if (entry.Value is null)
                    {
                        throw new SeedException(file, $"{path}.{entry.Key}", "a value of a map cannot be null.");
                    }

                    Inner(entry.Value, values, () => $"{path}.{entry.Key}", file);
                }

                break;
        }
    }

    /// <summary>
    /// The members of an object type that can hold a null to refuse: those that may not be null, and those that hold
    /// lists, maps or objects. A plain optional value cannot, and skipping those keeps the walk of a million devices
    /// short. A pool's users are left to <see cref="CheckUser"/>.
    /// </summary>
    private static (JsonPropertyInfo Property, JsonTypeInfo Type)[] Members(JsonTypeInfo type) =>
    [
        .. from property in type.Properties
           where property.Get is not null && !(property.DeclaringType == typeof(SeedUserPool) && property.Name == nameof(SeedUserPool.Users))
           let inner = type.Options.GetTypeInfo(property.PropertyType)
           where !property.IsGetNullable || inner.Kind != JsonTypeInfoKind.None
           select (property, inner),
    ];

    /// <summary>Walks into a member or entry that holds more; its path is made only then, since a seed has millions of plain values.</summary>
    private static void Inner(object? value, JsonTypeInfo type, Func<string> path, string file)
    {
        if (value is not null && type.Kind != JsonTypeInfoKind.None)
        {
            Walk(value, type, path(), file);
        }
    }
}
