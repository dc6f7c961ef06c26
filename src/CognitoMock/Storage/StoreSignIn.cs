using CognitoMock.Domain;
using LiteDB;

namespace CognitoMock.Storage;

// What sign-in keeps: grants (a sign-in and its tokens), challenge sessions, and each pool's signing key.
public abstract partial class StoreView
{
    public Grant? GetGrant(string id) => Read<Grant>(StoredKinds.Grants, id);

    public Grant? FindGrantByRefreshToken(string refreshTokenHash) =>
        Mapped<Grant>(StoredKinds.Grants, Source.Collection(StoredKinds.Grants).Find(Query.EQ(nameof(Grant.RefreshTokenHash), refreshTokenHash))).FirstOrDefault();

    /// <summary>A challenge by the hash of its Session, read from the file each time: it is read once or twice in its short life.</summary>
    public ChallengeSession? GetChallenge(string id) =>
        Source.Collection(StoredKinds.Challenges).FindById(id) is { } document ? Map<ChallengeSession>(new CacheKey(StoredKinds.Challenges, id), document) : null;

    public (string Kid, byte[] PrivateKey)? GetSigningKey(string userPoolId) =>
        Source.Collection(StoredKinds.SigningKeys).FindById(userPoolId) is { } key ? (key["Kid"].AsString, key["Key"].AsBinary) : null;
}

public sealed partial class StoreTransaction
{
    public void InsertGrant(Grant grant) => Insert(StoredKinds.Grants, grant.Id, StoreMapper.Shared.ToDocument(grant));

    public void UpdateGrant(Grant grant) => Update(StoredKinds.Grants, grant.Id, StoreMapper.Shared.ToDocument(grant));

    /// <summary>Revokes every grant of a user: GlobalSignOut.</summary>
    public void RevokeGrantsOfUser(string userId)
    {
        var grants = Mapped<Grant>(StoredKinds.Grants, Collection(StoredKinds.Grants).Find(Query.EQ(nameof(Grant.UserId), userId))).Where(g => !g.Revoked).ToList();
        foreach (var grant in grants)
        {
            grant.Revoked = true;
            UpdateGrant(grant);
        }
    }

    public void InsertChallenge(ChallengeSession challenge) =>
        Collection(StoredKinds.Challenges).Insert(StoreMapper.Shared.ToDocument(challenge));

    /// <summary>Puts a new challenge under a spent Session's hash: the one Session that answers a step and opens the next.</summary>
    public void ReopenChallenge(ChallengeSession challenge) =>
        Collection(StoredKinds.Challenges).Upsert(StoreMapper.Shared.ToDocument(challenge));

    /// <summary>
    /// Spends a live challenge, and its twin if it has one: each stays as a spent tombstone until it would have
    /// expired, so a second answer is told the Session was used, not that it never was. False if this write
    /// finds it already spent or gone: the caller then refuses the answer, so two answers never both win.
    /// </summary>
    public bool SpendChallenge(ChallengeSession challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var challenges = Collection(StoredKinds.Challenges);
        var spent = false;
        foreach (var id in challenge.Twin is { } twin ? [challenge.Id, twin] : new[] { challenge.Id })
        {
            if (challenges.FindById(id) is { } document && document[nameof(ChallengeSession.Spent)] is not { IsBoolean: true, AsBoolean: true })
            {
                document[nameof(ChallengeSession.Spent)] = true;
                spent |= challenges.Update(document) && id == challenge.Id;
            }
        }

        return spent;
    }

    /// <summary>Drops challenge sessions that have expired, spent or not, so they do not pile up.</summary>
    public void DeleteExpiredChallenges(DateTime now) =>
        Collection(StoredKinds.Challenges).DeleteMany(Query.LT(nameof(ChallengeSession.Expires), now));

    public void InsertSigningKey(string userPoolId, string kid, byte[] privateKey) =>
        Collection(StoredKinds.SigningKeys).Insert(new BsonDocument { ["_id"] = userPoolId, ["Kid"] = kid, ["Key"] = privateKey });
}
