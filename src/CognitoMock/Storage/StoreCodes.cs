using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

// What the self-service lifecycle keeps: the codes sent and not used yet, and the users' auth events.
public sealed partial class Store
{
    // The auth events' index field: the user's _id, then newest first (AuthEvent.OrderKey).
    internal const string AuthEventOrderField = "Order";
}

public abstract partial class StoreView
{
    /// <summary>The user's code for a purpose, read from the file each time: it is read once or twice in its life.</summary>
    public PendingCode? GetCode(string userId, string purpose)
    {
        var id = PendingCode.IdOf(userId, purpose);
        return Source.Collection(StoredKinds.Codes).FindById(id) is { } document ? Map<PendingCode>(new CacheKey(StoredKinds.Codes, id), document) : null;
    }

    public AuthEvent? GetAuthEvent(string eventId) =>
        Source.Collection(StoredKinds.AuthEvents).FindById(eventId) is { } document ? Map<AuthEvent>(new CacheKey(StoredKinds.AuthEvents, eventId), document) : null;

    /// <summary>How many events a user has: none is ever deleted but with the user.</summary>
    public long AuthEventCount(string userId)
    {
        var start = userId + Store.Separator;
        return Source.Collection(StoredKinds.AuthEvents).LongCount(Query.Between(Store.AuthEventOrderField, start, start + '\uffff'));
    }

    /// <summary>Up to <paramref name="take"/> of a user's auth events, newest first, after the one whose order key is <paramref name="after"/>.</summary>
    public List<AuthEvent> AuthEventPage(string userId, string? after, int take)
    {
        var start = userId + Store.Separator;
        var from = after is null ? start : start + after + '\0';
        return [.. Mapped<AuthEvent>(StoredKinds.AuthEvents, Source.Collection(StoredKinds.AuthEvents).Query()
            .Where(Query.Between(Store.AuthEventOrderField, from, start + '\uffff'))
            .OrderBy(Store.AuthEventOrderField)
            .Limit(take)
            .ToEnumerable())];
    }
}

public sealed partial class StoreTransaction
{
    /// <summary>Keeps a code, in place of the user's last code for the same purpose.</summary>
    public void SaveCode(PendingCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        code.Id = PendingCode.IdOf(code.UserId, code.Purpose);
        Collection(StoredKinds.Codes).Upsert(StoreMapper.Shared.ToDocument(code));
    }

    public void DeleteCode(string userId, string purpose) => Collection(StoredKinds.Codes).Delete(PendingCode.IdOf(userId, purpose));

    /// <summary>Records an event, after every event of its user recorded before it.</summary>
    public void InsertAuthEvent(AuthEvent authEvent)
    {
        ArgumentNullException.ThrowIfNull(authEvent);
        authEvent.Sequence = AuthEventCount(authEvent.UserId) + 1;
        Collection(StoredKinds.AuthEvents).Insert(AuthEventDocument(authEvent));
    }

    public void UpdateAuthEvent(AuthEvent authEvent)
    {
        ArgumentNullException.ThrowIfNull(authEvent);
        Collection(StoredKinds.AuthEvents).Update(AuthEventDocument(authEvent));
    }

    private static BsonDocument AuthEventDocument(AuthEvent authEvent)
    {
        var document = StoreMapper.Shared.ToDocument(authEvent);
        document[Store.AuthEventOrderField] = authEvent.UserId + Store.Separator + authEvent.OrderKey;
        return document;
    }
}
