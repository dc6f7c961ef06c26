using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

/// <summary>What a kind of document belongs to: deleting the owner deletes it, and --check names it when the owner is gone.</summary>
internal enum Owner
{
    None,
    Pool,
    User,
}

/// <summary>
/// One kind of state the store keeps, declared once: its LiteDB collection, the type it maps to, its indexes,
/// what owns it, and whether a reset keeps it. <see cref="StoredKinds.All"/> drives everything that must know
/// every kind: the collections and indexes a file gets, the mapper, Reset, the cascades of deleting a pool or
/// a user, and the orphan check of <see cref="Store.CheckInvariants"/>.
/// </summary>
internal sealed class StoredKind
{
    public required string Collection { get; init; }

    /// <summary>The domain type the mapper reads and writes; null for documents the store builds by hand.</summary>
    public Type? Entity { get; init; }

    /// <summary>The <see cref="Entity"/>'s property that is its _id.</summary>
    public string IdMember { get; init; } = "Id";

    /// <summary>Its LiteDB indexes: a document field, and whether its values are unique.</summary>
    public IReadOnlyList<(string Field, bool Unique)> Indexes { get; init; } = [];

    public Owner OwnedBy { get; init; }

    /// <summary>The field holding the owner's ID (a pool ID or a user's _id); "_id" when the document is keyed by its owner.</summary>
    public string? OwnerField { get; init; }

    /// <summary>For a kind a user owns: the field holding the user's pool, so a pool's documents go in one query.</summary>
    public string? PoolField { get; init; }

    /// <summary>The query of one owner's documents, when a plain match of <see cref="OwnerField"/> is not it (a range of a composite key).</summary>
    public Func<string, BsonExpression>? OwnerQuery { get; init; }

    /// <summary>Kept by Reset: the instance's own secrets, which outlive any state.</summary>
    public bool KeptOnReset { get; init; }

    public BsonExpression OfOwner(string ownerId) => OwnerQuery?.Invoke(ownerId) ?? Query.EQ(OwnerField!, ownerId);

    public override string ToString() => Collection;
}

internal static class StoredKinds
{
    public static readonly StoredKind Pools = new() { Collection = "pools", Entity = typeof(UserPool) };

    public static readonly StoredKind Clients = new()
    {
        Collection = "clients",
        Entity = typeof(AppClient),
        IdMember = nameof(AppClient.ClientId),
        Indexes = [(nameof(AppClient.UserPoolId), false)],
        OwnedBy = Owner.Pool,
        OwnerField = nameof(AppClient.UserPoolId),
    };

    /// <summary>Users, indexed by pool and username together (<see cref="Store.PoolOrderField"/>), so a pool's users list in username order.</summary>
    public static readonly StoredKind Users = new()
    {
        Collection = "users",
        Entity = typeof(User),
        Indexes = [(Store.PoolOrderField, false)],
        OwnedBy = Owner.Pool,
        OwnerField = nameof(User.UserPoolId),
        OwnerQuery = pool => Store.InPool(Store.PoolOrderField, pool),
    };

    /// <summary>One document a user, _id the user's, holding all its devices (StoreDevices.cs).</summary>
    public static readonly StoredKind DeviceSets = new() { Collection = "devicesets", OwnedBy = Owner.User, OwnerField = "_id" };

    /// <summary>How many users each pool has: _id the pool's ID, Count the number.</summary>
    public static readonly StoredKind UserCounts = new() { Collection = "usercounts", OwnedBy = Owner.Pool, OwnerField = "_id" };

    public static readonly StoredKind Grants = new()
    {
        Collection = "grants",
        Entity = typeof(Grant),
        Indexes = [(nameof(Grant.UserId), false), (nameof(Grant.UserPoolId), false), (nameof(Grant.RefreshTokenHash), true)],
        OwnedBy = Owner.User,
        OwnerField = nameof(Grant.UserId),
        PoolField = nameof(Grant.UserPoolId),
    };

    public static readonly StoredKind Challenges = new()
    {
        Collection = "challenges",
        Entity = typeof(ChallengeSession),
        Indexes = [(nameof(ChallengeSession.UserId), false), (nameof(ChallengeSession.UserPoolId), false), (nameof(ChallengeSession.Expires), false)],
        OwnedBy = Owner.User,
        OwnerField = nameof(ChallengeSession.UserId),
        PoolField = nameof(ChallengeSession.UserPoolId),
    };

    /// <summary>Codes sent and not used yet: one a user and purpose, _id both of them (<see cref="PendingCode.IdOf"/>).</summary>
    public static readonly StoredKind Codes = new()
    {
        Collection = "codes",
        Entity = typeof(PendingCode),
        Indexes = [(nameof(PendingCode.UserId), false), (nameof(PendingCode.UserPoolId), false), (nameof(PendingCode.Expires), false)],
        OwnedBy = Owner.User,
        OwnerField = nameof(PendingCode.UserId),
        PoolField = nameof(PendingCode.UserPoolId),
    };

    /// <summary>Auth events, indexed by user and their order, so a user's listing is a range in time order.</summary>
    public static readonly StoredKind AuthEvents = new()
    {
        Collection = "authevents",
        Entity = typeof(AuthEvent),
        IdMember = nameof(AuthEvent.EventId),
        Indexes = [(nameof(AuthEvent.UserId), false), (nameof(AuthEvent.UserPoolId), false), (Store.AuthEventOrderField, false)],
        OwnedBy = Owner.User,
        OwnerField = nameof(AuthEvent.UserId),
        PoolField = nameof(AuthEvent.UserPoolId),
    };

    /// <summary>One RSA key per pool: _id the pool, Kid its key ID, Key its PKCS#8 private key.</summary>
    public static readonly StoredKind SigningKeys = new() { Collection = "signingkeys", OwnedBy = Owner.Pool, OwnerField = "_id" };

    /// <summary>The instance's secrets (pagination-token and SECRET_BLOCK keys): _id a name, Value the bytes.</summary>
    public static readonly StoredKind Meta = new() { Collection = "meta", KeptOnReset = true };

    /// <summary>Every kind, owners before what they own.</summary>
    public static readonly IReadOnlyList<StoredKind> All = [Pools, Clients, Users, DeviceSets, UserCounts, Grants, Challenges, Codes, AuthEvents, SigningKeys, Meta];
}
