using CognitoMock.Api;
using CognitoMock.Domain;
using CognitoMock.Errors;
using CognitoMock.Tokens;

namespace CognitoMock;

// The operations a signed-in user calls with an access token, and sign-out.
public sealed partial class CognitoBackend
{
    public override GetUserResponse GetUser(GetUserRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = Tokens.Check(request.AccessToken).User;
        return new GetUserResponse
        {
            Username = user.Username,
            UserAttributes = user.Attributes.ConvertAll(a => new AttributeType { Name = a.Name, Value = a.Value }),
            PreferredMfaSetting = user.Mfa.Preferred,
            UserMFASettingList = MfaSettingListOf(user),
            MFAOptions = MfaOptionsOf(user),
        };
    }

    /// <summary>Revokes every token of the user: every grant, so access and refresh tokens alike.</summary>
    public override GlobalSignOutResponse GlobalSignOut(GlobalSignOutRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = Tokens.Check(request.AccessToken).User;
        Store.Write(tx => tx.RevokeGrantsOfUser(user.Id));
        return new GlobalSignOutResponse();
    }

    public override AdminUserGlobalSignOutResponse AdminUserGlobalSignOut(AdminUserGlobalSignOutRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        Store.Write(tx =>
        {
            var pool = RequirePool(tx, request.UserPoolId);
            tx.RevokeGrantsOfUser(ResolveUser(tx, pool, request.Username).Id);
        });
        return new AdminUserGlobalSignOutResponse();
    }

    /// <summary>
    /// Revokes a refresh token and the access tokens of its sign-in. A token that is no refresh token of this
    /// mock is refused as unsupported; one of another client is not this client's to revoke.
    /// </summary>
    public override RevokeTokenResponse RevokeToken(RevokeTokenRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = Store.GetClient(request.ClientId) ?? throw new UnauthorizedException($"Client {request.ClientId} is not authorized to revoke tokens.");
        if (client.ClientSecret is not null && request.ClientSecret != client.ClientSecret)
        {
            throw new UnauthorizedException($"Client {client.ClientId} is not authorized: the client secret does not match.");
        }

        if (client.Settings.EnableTokenRevocation == false)
        {
            throw new UnsupportedOperationException("Token revocation is not enabled for this client.");
        }

        var grant = TokenService.GrantOfRefreshToken(Store, request.Token) ?? throw new UnsupportedTokenTypeException("The token is not a refresh token of this user pool.");
        if (grant.ClientId != client.ClientId)
        {
            throw new UnauthorizedException($"Client {client.ClientId} is not authorized to revoke a token of another client.");
        }

        Store.Write(tx =>
        {
            if (tx.GetGrant(grant.Id) is { } current)
            {
                current.Revoked = true;
                tx.UpdateGrant(current);
            }
        });
        return new RevokeTokenResponse();
    }

    /// <summary>
    /// New tokens from a refresh token: the operation Amplify JS v6 refreshes with. A client with refresh token
    /// rotation gets a new refresh token too, and the old one lasts its RetryGracePeriodSeconds (the app client
    /// documentation of RefreshTokenRotation); a client with a secret sends it.
    /// </summary>
    public override GetTokensFromRefreshTokenResponse GetTokensFromRefreshToken(GetTokensFromRefreshTokenRequest request, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = RequireClient(Store, request.ClientId);
        SecretHash.VerifySecret(client, request.ClientSecret);
        var pool = RequirePool(Store, client.UserPoolId);
        var key = SigningKeys.For(pool.Id);
        // A rotation checks the refresh token and replaces it in one write: two uses of one token after its grace
        // period cannot both pass the check.
        var result = RotatesRefreshTokens(client)
            ? Store.Write(tx =>
            {
                var (user, grant) = RefreshGrant(tx, pool, client, request.RefreshToken, request.DeviceKey);
                return Tokens.Rotate(tx, key, pool, client, user, grant, context);
            })
            : Refreshed(pool, client, key, request, context);
        return new GetTokensFromRefreshTokenResponse { AuthenticationResult = result };
    }

    private AuthenticationResultType Refreshed(UserPool pool, AppClient client, SigningKey key, GetTokensFromRefreshTokenRequest request, RequestContext context)
    {
        var (user, grant) = RefreshGrant(Store, pool, client, request.RefreshToken, request.DeviceKey);
        return Tokens.Refresh(key, pool, client, user, grant, context);
    }

    /// <summary>The principal of an access token that a model marks optional but the operation cannot do without.</summary>
    private AccessTokenPrincipal SignedInUser(string? accessToken) =>
        string.IsNullOrEmpty(accessToken) ? throw TokenService.InvalidAccessToken() : Tokens.Check(accessToken);
}
