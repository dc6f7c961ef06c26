using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Paging;
using CognitoMock.Randomness;
using CognitoMock.SignIn;
using CognitoMock.Storage;
using CognitoMock.Tokens;

namespace CognitoMock;

/// <summary>
/// The Cognito User Pools engine. Its public methods are the API's operations, by their AWS names, taking
/// and returning the model's shapes; the rules live here, the state in <see cref="Storage.Store"/>, and
/// nothing here knows HTTP.
/// </summary>
public sealed partial class CognitoBackend
{
    public CognitoBackend(Store store, CognitoMockOptions options, TimeProvider time, IRandomness random)
    {
        Store = store;
        Options = options;
        Time = time;
        Random = random;
        Ids = new Identifiers(options.Region, random);
        PaginationTokens = new PaginationTokens(
            store.Secret("pagination-token-key", () => random.Bytes(32)), time, options.PaginationTokenTtl);
        SigningKeys = new SigningKeys(store, random);
        Tokens = new TokenService(store, SigningKeys, random, time);
        SecretBlocks = new SecretBlocks(store.Secret("srp-secret-block-key", () => random.Bytes(32)), random);
        Challenges = new ChallengeSessions(store, random, time);
    }

    /// <summary>The SMS messages the mock "sent": MFA codes, for tests to read.</summary>
    public SmsOutbox Sms { get; } = new();

    public Store Store { get; }

    public CognitoMockOptions Options { get; }

    public TimeProvider Time { get; }

    public IRandomness Random { get; }

    public Identifiers Ids { get; }

    internal PaginationTokens PaginationTokens { get; }

    public SigningKeys SigningKeys { get; }

    public TokenService Tokens { get; }

    internal SecretBlocks SecretBlocks { get; }

    internal ChallengeSessions Challenges { get; }

    /// <summary>Now, by the injected clock, at the millisecond precision that Cognito's timestamps carry.</summary>
    internal DateTime Now
    {
        get
        {
            var now = Time.GetUtcNow().UtcDateTime;
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        }
    }

    /// <summary>Empties the state: every pool with everything in it.</summary>
    public void Reset()
    {
        Store.Write(tx => tx.Reset());
        SigningKeys.Forget();
        Sms.Clear();
    }

    internal UserPool RequirePool(string userPoolId) =>
        Store.GetPool(userPoolId) ?? throw ResourceNotFoundException.UserPool(userPoolId);

    /// <summary>
    /// Finds the user a caller named (SEMANTICS §3): by username, then by an active alias or username
    /// attribute, then by sub. Each step is one index seek.
    /// </summary>
    internal User ResolveUser(UserPool pool, string name) => FindUser(pool, name) ?? throw new UserNotFoundException();

    internal User? FindUser(UserPool pool, string name) => FindByName(pool, name) ?? Store.FindUserBySub(pool.Id, name);

    /// <summary>By username or an active alias only: sign-in does not take a sub (measured, SEMANTICS §9).</summary>
    internal User? FindByName(UserPool pool, string name)
    {
        foreach (var key in UserLookup.CandidatesFor(pool, name))
        {
            if (Store.FindUserId(pool.Id, key) is { } userId)
            {
                return Store.GetUser(userId);
            }
        }

        return null;
    }

    /// <summary>
    /// The user as the database has it now, for a write to change: a user found before the write may be a
    /// cached copy that other requests share.
    /// </summary>
    internal User CurrentUser(User user) => Store.GetUser(user.Id) ?? throw new UserNotFoundException();

    internal AppClient RequireClient(string clientId) =>
        Store.GetClient(clientId) ?? throw ResourceNotFoundException.UserPoolClient(clientId);
}
