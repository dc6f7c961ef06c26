using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Messages;
using CognitoMock.Paging;
using CognitoMock.Randomness;
using CognitoMock.SignIn;
using CognitoMock.Storage;
using CognitoMock.Tokens;

namespace CognitoMock;

/// <summary>
/// The Cognito User Pools engine. It overrides an operation of <see cref="CognitoIdentityProviderBase"/> (the
/// model's operations, by their AWS names, taking and returning the model's shapes) for each operation it
/// implements; the rules live here, the state in <see cref="Storage.Store"/>, and nothing here knows HTTP.
/// </summary>
public sealed partial class CognitoBackend : CognitoIdentityProviderBase
{
    public CognitoBackend(Store store, CognitoMockOptions options, TimeProvider time, IRandomness random)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        Store = store;
        Options = options;
        Time = time;
        Random = random;
        Ids = new Identifiers(options.Region, random);
        PaginationTokens = new PaginationTokens(
            store.Secret("pagination-token-key", () => random.Bytes(32)), time, options.PaginationTokenTtl);
        Pages = new Pages(PaginationTokens);
        SigningKeys = new SigningKeys(store, random);
        Tokens = new TokenService(store, SigningKeys, random, time);
        SecretBlocks = new SecretBlocks(store.Secret("srp-secret-block-key", () => random.Bytes(32)), random);
        Challenges = new ChallengeSessions(random, time);
    }

    /// <summary>Every message the mock "sent": codes, invitations and MFA codes, for tests to read.</summary>
    public Outbox Messages { get; } = new();

    public Store Store { get; }

    public CognitoMockOptions Options { get; }

    public TimeProvider Time { get; }

    public IRandomness Random { get; }

    public Identifiers Ids { get; }

    internal PaginationTokens PaginationTokens { get; }

    internal Pages Pages { get; }

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
        Messages.Clear();
    }

    internal static UserPool RequirePool(StoreView view, string userPoolId) =>
        view.GetPool(userPoolId) ?? throw ResourceNotFoundException.UserPool(userPoolId);

    internal static AppClient RequireClient(StoreView view, string clientId) =>
        view.GetClient(clientId) ?? throw ResourceNotFoundException.UserPoolClient(clientId);

    /// <summary>The client, which must be the pool's: another pool's client does not exist here.</summary>
    internal static AppClient RequireClient(StoreView view, UserPool pool, string clientId) =>
        view.GetClient(clientId) is { } client && client.UserPoolId == pool.Id
            ? client
            : throw ResourceNotFoundException.UserPoolClient(clientId);

    /// <summary>
    /// Finds the user a caller named (docs/behaviour.md §3): by username, then by an active alias or username
    /// attribute, then by sub. Each step is one index seek.
    /// </summary>
    internal static User ResolveUser(StoreView view, UserPool pool, string name) => FindUser(view, pool, name) ?? throw new UserNotFoundException();

    internal static User? FindUser(StoreView view, UserPool pool, string name) => FindByName(view, pool, name) ?? view.FindUserBySub(pool.Id, name);

    /// <summary>By username or an active alias only: sign-in does not take a sub (measured, docs/behaviour.md §9).</summary>
    internal static User? FindByName(StoreView view, UserPool pool, string name)
    {
        foreach (var key in UserLookup.CandidatesFor(pool, name))
        {
            if (view.FindUserId(pool.Id, key) is { } userId)
            {
                return view.GetUser(userId);
            }
        }

        return null;
    }

    /// <summary>The user a write read earlier, by its storage identity, as this write sees it now.</summary>
    internal static User CurrentUser(StoreView view, string userId) => view.GetUser(userId) ?? throw new UserNotFoundException();
}
