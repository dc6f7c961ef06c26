using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Randomness;
using CognitoMock.Storage;

namespace CognitoMock.SignIn;

/// <summary>
/// The Session strings of challenges after the first factor: opaque, single-use, and good for 3 minutes by
/// the mock's clock, AWS's default (SEMANTICS §7). Only a hash of each is stored.
/// </summary>
public sealed class ChallengeSessions(Store store, IRandomness random, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Opens a session for <paramref name="challenge"/> and returns its Session string. When it follows
    /// <paramref name="answered"/>, that challenge is spent, and its Session opens the new one too.
    /// </summary>
    public string Open(StoreTransaction tx, ChallengeSession challenge, ChallengeSession? answered = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        tx.DeleteExpiredChallenges(now);
        var session = Base64Url.EncodeToString(random.Bytes(48));
        challenge.Id = Hash(session);
        challenge.Expires = now + Lifetime;
        if (answered is not null)
        {
            tx.DeleteChallenge(answered);
            tx.InsertChallenge(challenge.TwinnedAs(answered.Id));
        }

        tx.InsertChallenge(challenge);
        return session;
    }

    /// <summary>
    /// The waiting challenge a Session string stands for, if it is this challenge, of this client (when one is
    /// named: AssociateSoftwareToken and VerifySoftwareToken name none), and alive.
    /// </summary>
    public ChallengeSession Find(string? session, string challengeName, AppClient? client)
    {
        var challenge = string.IsNullOrEmpty(session) ? null : store.GetChallenge(Hash(session));
        if (challenge is null
            || challenge.ChallengeName != challengeName
            || (client is not null && challenge.ClientId != client.ClientId)
            || challenge.Expires <= time.GetUtcNow().UtcDateTime)
        {
            throw NotAuthorizedException.InvalidSession();
        }

        return challenge;
    }

    private static string Hash(string session) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(session)));
}
