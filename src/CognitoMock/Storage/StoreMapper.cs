using System.Reflection;
using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

/// <summary>How the store's domain objects become LiteDB documents: one mapper per process, made when a store first needs it.</summary>
internal static class StoreMapper
{
    public static BsonMapper Shared => Instance.Value;

    private static readonly Lazy<BsonMapper> Instance = new(Create);

    /// <summary>A mapper for the store's documents, which has learned every stored type (<see cref="LearnEveryStoredType"/>).</summary>
    internal static BsonMapper Create()
    {
        // Attribute values are data: keep their whitespace and empty strings exactly.
        var mapper = new BsonMapper
        {
            TrimWhitespace = false,
            EmptyStringToNull = false,
            SerializeNullValues = false,
            ResolveMember = StoreOnlyState,
        };
        mapper.RegisterType(
            serialize: value => new BsonValue(value.ToUniversalTime()),
            deserialize: value => value.AsDateTime.ToUniversalTime());
        // LiteDB knows read-only lists (it makes them Lists) but not read-only dictionaries (a pool's tags).
        mapper.RegisterType<IReadOnlyDictionary<string, string>>(
            serialize: map => new BsonDocument(map.ToDictionary(e => e.Key, e => new BsonValue(e.Value))),
            deserialize: value => value.AsDocument.ToDictionary(e => e.Key, e => e.Value.AsString));
        // A page lists up to 60 devices, each mapped on every read: by hand, not by reflection.
        mapper.RegisterType(DeviceDocuments.ToDocument, DeviceDocuments.FromDocument);
        LearnEveryStoredType(mapper);
        return mapper;
    }

    /// <summary>
    /// What a type computes from its state (a pool's MfaMode, a user's preferred factor) is not state: a property
    /// without a setter is never stored, so no type keeps a list of members to ignore.
    /// </summary>
    internal static void StoreOnlyState(Type type, MemberInfo member, MemberMapper mapped)
    {
        if (member is PropertyInfo { CanWrite: false })
        {
            mapped.FieldName = null;
        }
        else if (IdMembers.TryGetValue(type, out var id) && member.Name == id)
        {
            // Each kind names its identity once, in the registry; the store makes every one of them itself.
            mapped.FieldName = "_id";
            mapped.AutoId = false;
        }
    }

    private static readonly Dictionary<Type, string> IdMembers =
        StoredKinds.All.Where(k => k.Entity is not null).ToDictionary(k => k.Entity!, k => k.IdMember);

    /// <summary>
    /// LiteDB's mapper learns a type's members the first time it maps one, and publishes the type before it has
    /// learned them all: a second thread mapping the same type at that moment fails ("Collection was
    /// modified"). Requests and the build of the lookup index read on many threads from the start, so the
    /// mapper learns every stored type first, on one thread, by the method it would call itself (internal, by
    /// reflection on the pinned version; MapperTests shows it if an upgrade renames it): the entity of every
    /// kind of <see cref="StoredKinds.All"/> and every type of the engine they hold. That takes some 50 ms, most
    /// of it compiling each member's getter and setter: once per process.
    /// </summary>
    private static void LearnEveryStoredType(BsonMapper mapper)
    {
        var learn = typeof(BsonMapper).GetMethod("GetEntityMapper", BindingFlags.Instance | BindingFlags.NonPublic);
        var seen = new HashSet<Type>();
        var next = new Queue<Type>(StoredKinds.All.Select(k => k.Entity).OfType<Type>());
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
