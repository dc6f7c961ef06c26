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
/// the mock's clock, AWS's default (docs/behaviour.md §7). Only a hash of each is stored.
/// </summary>
/// <remarks>
/// A step that answers a challenge spends its Session and opens what follows in one write
/// (<see cref="Spend"/>), so of two answers to one Session exactly one wins; the other is told the Session
/// was used. A spent Session stays as a tombstone until it would have expired, to tell "used" from "unknown".
/// </remarks>
public sealed class ChallengeSessions(IRandomness random, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Opens a session for <paramref name="challenge"/> and returns its Session string. When it follows
    /// <paramref name="answered"/> (spent by this write), the answered Session opens the new challenge too.
    /// </summary>
    public string Open(StoreTransaction tx, ChallengeSession challenge, ChallengeSession? answered = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(challenge);
        var now = time.GetUtcNow().UtcDateTime;
        tx.DeleteExpiredChallenges(now);
        var session = Base64Url.EncodeToString(random.Bytes(48));
        challenge.Id = Hash(session);
        challenge.Expires = now + Lifetime;
        if (answered is not null)
        {
            tx.ReopenChallenge(challenge.TwinnedAs(answered.Id));
        }

        tx.InsertChallenge(challenge);
        return session;
    }

    /// <summary>
    /// The waiting challenge a Session string stands for, if it is this challenge, of this client (when one is
    /// named: AssociateSoftwareToken and VerifySoftwareToken name none), alive and not yet answered. It is not
    /// spent: a step reads it first to know what to check, then spends it in its write.
    /// </summary>
    public ChallengeSession Find(StoreView view, string? session, string challengeName, AppClient? client)
    {
        ArgumentNullException.ThrowIfNull(view);
        var challenge = string.IsNullOrEmpty(session) ? null : view.GetChallenge(Hash(session));
        if (challenge is null
            || challenge.ChallengeName != challengeName
            || (client is not null && challenge.ClientId != client.ClientId)
            || challenge.Expires <= time.GetUtcNow().UtcDateTime)
        {
            throw NotAuthorizedException.InvalidSession();
        }

        return challenge.Spent ? throw NotAuthorizedException.SessionUsed() : challenge;
    }

    /// <summary>
    /// Finds the challenge in the write that answers it, and spends it there. A second answer, in a write after
    /// the first committed, finds it spent; if the first rolls back (a wrong code), it is still open.
    /// </summary>
    public ChallengeSession Spend(StoreTransaction tx, string? session, string challengeName, AppClient? client)
    {
        var challenge = Find(tx, session, challengeName, client);
        return tx.SpendChallenge(challenge) ? challenge : throw NotAuthorizedException.SessionUsed();
    }

    private static string Hash(string session) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(session)));
}
