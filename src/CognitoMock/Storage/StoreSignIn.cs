using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

// What sign-in keeps: grants (a sign-in and its tokens), challenge sessions, and each pool's signing key.
public sealed partial class Store
{
    internal ILiteCollection<BsonDocument> Grants { get; }

    internal ILiteCollection<BsonDocument> Challenges { get; }

    /// <summary>One RSA key per pool: _id is the pool, Kid its key ID, Key its PKCS#8 private key.</summary>
    internal ILiteCollection<BsonDocument> SigningKeys { get; }

    public Grant? GetGrant(string id) => Read<Grant>(CachedDocument("grant:" + id, Grants, id));

    public Grant? FindGrantByRefreshToken(string refreshTokenHash) =>
        Read<Grant>(Grants.FindOne(Query.EQ(nameof(Grant.RefreshTokenHash), refreshTokenHash)));

    public ChallengeSession? GetChallenge(string id) => Read<ChallengeSession>(Challenges.FindById(id));

    public (string Kid, byte[] PrivateKey)? GetSigningKey(string userPoolId) =>
        SigningKeys.FindById(userPoolId) is { } key ? (key["Kid"].AsString, key["Key"].AsBinary) : null;
}

public sealed partial class StoreTransaction
{
    public void InsertGrant(Grant grant) => Insert(_store.Grants, "grant:", grant.Id, grant);

    public void UpdateGrant(Grant grant) => Update(_store.Grants, "grant:", grant.Id, grant);

    /// <summary>Revokes every grant of a user: GlobalSignOut.</summary>
    public void RevokeGrantsOfUser(string userId)
    {
        foreach (var grant in _store.Grants.Find(Query.EQ(nameof(Grant.UserId), userId)).Select(_store.Read<Grant>).OfType<Grant>().Where(g => !g.Revoked).ToList())
        {
            grant.Revoked = true;
            UpdateGrant(grant);
        }
    }

    public void InsertChallenge(ChallengeSession challenge) => _store.Challenges.Insert(Store.Mapper.ToDocument(challenge));

    /// <summary>Spends a challenge: its Session, and its twin's if it has one, open nothing any more.</summary>
    public void DeleteChallenge(ChallengeSession challenge)
    {
        _store.Challenges.Delete(challenge.Id);
        if (challenge.Twin is { } twin)
        {
            _store.Challenges.Delete(twin);
        }
    }

    /// <summary>Drops challenge sessions that have expired, so unanswered challenges do not pile up.</summary>
    public void DeleteExpiredChallenges(DateTime now) => _store.Challenges.DeleteMany(Query.LT(nameof(ChallengeSession.Expires), now));

    public void InsertSigningKey(string userPoolId, string kid, byte[] privateKey) =>
        _store.SigningKeys.Insert(new BsonDocument { ["_id"] = userPoolId, ["Kid"] = kid, ["Key"] = privateKey });

    private void DeleteSignInStateOfUser(string userId)
    {
        _store.Grants.DeleteMany(Query.EQ(nameof(Grant.UserId), userId));
        _store.Challenges.DeleteMany(Query.EQ(nameof(ChallengeSession.UserId), userId));
    }

    private void DeleteSignInStateOfPool(string userPoolId)
    {
        TouchedEverything = true;
        _store.Grants.DeleteMany(Query.EQ(nameof(Grant.UserPoolId), userPoolId));
        _store.Challenges.DeleteMany(Query.EQ(nameof(ChallengeSession.UserPoolId), userPoolId));
        _store.SigningKeys.Delete(userPoolId);
    }
}
