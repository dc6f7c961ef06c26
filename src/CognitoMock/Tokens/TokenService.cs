using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Randomness;
using CognitoMock.Storage;

namespace CognitoMock.Tokens;

/// <summary>Who an access token speaks for, once it has been checked.</summary>
public sealed record AccessTokenPrincipal(UserPool Pool, User User, Grant Grant);

/// <summary>
/// Issues and checks Cognito's tokens (docs/behaviour.md §7): RS256 access and ID tokens with Cognito's claims and
/// the app client's lifetimes, and opaque refresh tokens, each sign-in recorded as a <see cref="Grant"/> so
/// that revocation reaches every token it issued.
/// </summary>
public sealed class TokenService(Store store, SigningKeys keys, IRandomness random, TimeProvider time)
{
    /// <summary>
    /// Tokens for a new sign-in, recorded as a grant in the caller's transaction, signed with the pool's key, which
    /// the caller gets (<see cref="SigningKeys.For"/>) before its write: making a key is a write of its own.
    /// </summary>
    public AuthenticationResultType SignIn(StoreTransaction tx, SigningKey key, UserPool pool, AppClient client, User user, string? deviceKey, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        var now = Now();
        return Issue(tx, key, pool, client, user, deviceKey, now, now + TokenValidity.RefreshToken(client.Settings), context);
    }

    /// <summary>
    /// New tokens and a new refresh token in place of <paramref name="replaced"/>'s, as a client with refresh token
    /// rotation gets them: a new grant of the same sign-in (its auth_time and device), which lasts as long as the
    /// one it replaces would have [decision].
    /// </summary>
    public AuthenticationResultType Rotate(StoreTransaction tx, SigningKey key, UserPool pool, AppClient client, User user, Grant replaced, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(replaced);
        replaced.ReplacedAt ??= Now();
        tx.UpdateGrant(replaced);
        return Issue(tx, key, pool, client, user, replaced.DeviceKey, replaced.AuthTime, replaced.RefreshTokenExpires, context);
    }

    /// <summary>Tokens with a new refresh token, whose grant this write keeps.</summary>
    private AuthenticationResultType Issue(
        StoreTransaction tx, SigningKey key, UserPool pool, AppClient client, User user, string? deviceKey, DateTime authTime, DateTime refreshTokenExpires, RequestContext context)
    {
        var refreshToken = Base64Url.EncodeToString(random.Bytes(64));
        var grant = new Grant
        {
            Id = random.Uuid(),
            UserId = user.Id,
            UserPoolId = pool.Id,
            ClientId = client.ClientId,
            DeviceKey = deviceKey,
            RefreshTokenHash = Hash(refreshToken),
            AuthTime = authTime,
            RefreshTokenExpires = refreshTokenExpires,
        };
        tx.InsertGrant(grant);
        var result = Tokens(key, pool, client, user, grant, context);
        result.RefreshToken = refreshToken;
        return result;
    }

    /// <summary>New access and ID tokens for a grant, as REFRESH_TOKEN_AUTH gives them; the refresh token stays.</summary>
    public AuthenticationResultType Refresh(SigningKey key, UserPool pool, AppClient client, User user, Grant grant, RequestContext context) =>
        Tokens(key, pool, client, user, grant, context);

    /// <summary>The grant a refresh token belongs to, or null.</summary>
    public static Grant? GrantOfRefreshToken(StoreView view, string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.FindGrantByRefreshToken(Hash(refreshToken));
    }

    /// <summary>
    /// Checks an access token: its signature under its pool's key, its use, its expiry by the mock's clock,
    /// its user and its grant; each failure answers as AWS does.
    /// </summary>
    public AccessTokenPrincipal Check(string accessToken)
    {
        using var token = Jwt.Read(accessToken) ?? throw InvalidAccessToken();
        var pool = PoolOf(token.String("iss")) is { } poolId ? store.GetPool(poolId) : null;
        if (pool is null || keys.Existing(pool.Id) is not { } key || !token.IsSignedBy(key) || token.String("token_use") != "access")
        {
            throw InvalidAccessToken();
        }

        if (token.Number("exp") is not { } expires || DateTimeOffset.FromUnixTimeSeconds(expires) <= time.GetUtcNow())
        {
            throw new NotAuthorizedException("Access Token has expired");
        }

        var user = store.FindUserBySub(pool.Id, token.String("sub") ?? "") ?? throw new UserNotFoundException();
        var grant = store.GetGrant(token.String("origin_jti") ?? "");
        if (grant is null || grant.Revoked || grant.UserId != user.Id)
        {
            throw new NotAuthorizedException("Access Token has been revoked");
        }

        return new AccessTokenPrincipal(pool, user, grant);
    }

    public static NotAuthorizedException InvalidAccessToken() => new("Invalid Access Token");

    public static string Issuer(RequestContext context, UserPool pool) => $"{context.BaseUrl}/{pool.Id}";

    private AuthenticationResultType Tokens(SigningKey key, UserPool pool, AppClient client, User user, Grant grant, RequestContext context)
    {
        var now = time.GetUtcNow();
        var access = TokenValidity.AccessToken(client.Settings);
        var id = TokenValidity.IdToken(client.Settings);
        var eventId = random.Uuid();
        var issuer = Issuer(context, pool);
        var authTime = new DateTimeOffset(grant.AuthTime).ToUnixTimeSeconds();

        var accessToken = Jwt.Sign(key, claims =>
        {
            claims.WriteString("sub", user.Sub);
            if (grant.DeviceKey is { } deviceKey)
            {
                claims.WriteString("device_key", deviceKey);
            }

            claims.WriteString("iss", issuer);
            claims.WriteString("client_id", client.ClientId);
            claims.WriteString("origin_jti", grant.Id);
            claims.WriteString("event_id", eventId);
            claims.WriteString("token_use", "access");
            claims.WriteString("scope", "aws.cognito.signin.user.admin");
            claims.WriteNumber("auth_time", authTime);
            claims.WriteNumber("exp", (now + access).ToUnixTimeSeconds());
            claims.WriteNumber("iat", now.ToUnixTimeSeconds());
            claims.WriteString("jti", random.Uuid());
            claims.WriteString("username", user.Username);
        });

        var idToken = Jwt.Sign(key, claims =>
        {
            claims.WriteString("sub", user.Sub);
            foreach (var attribute in user.Attributes.Where(a => a.Name != "sub"))
            {
                // Cognito's ID tokens carry the verified flags as JSON booleans.
                if (attribute.Name.EndsWith("_verified", StringComparison.Ordinal))
                {
                    claims.WriteBoolean(attribute.Name, attribute.Value == "true");
                }
                else
                {
                    claims.WriteString(attribute.Name, attribute.Value);
                }
            }

            claims.WriteString("iss", issuer);
            claims.WriteString("cognito:username", user.Username);
            claims.WriteString("origin_jti", grant.Id);
            claims.WriteString("aud", client.ClientId);
            claims.WriteString("event_id", eventId);
            claims.WriteString("token_use", "id");
            claims.WriteNumber("auth_time", authTime);
            claims.WriteNumber("exp", (now + id).ToUnixTimeSeconds());
            claims.WriteNumber("iat", now.ToUnixTimeSeconds());
            claims.WriteString("jti", random.Uuid());
        });

        return new AuthenticationResultType
        {
            AccessToken = accessToken,
            IdToken = idToken,
            ExpiresIn = (int)access.TotalSeconds,
            TokenType = "Bearer",
        };
    }

    /// <summary>The pool ID at the end of an issuer URL.</summary>
    private static string? PoolOf(string? issuer) =>
        issuer is null ? null : issuer[(issuer.LastIndexOf('/') + 1)..] is { Length: > 0 } id ? id : null;

    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
