using System.Security.Cryptography;
using System.Text;
using CognitoMock.Errors;

namespace CognitoMock.Domain;

/// <summary>
/// The SECRET_HASH a client with a secret sends with a username: Base64(HMAC-SHA256(key = client secret,
/// message = username + client ID)) (AWS's documentation of secret hash values).
/// </summary>
public static class SecretHash
{
    public static string Compute(string clientSecret, string username, string clientId) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(username + clientId)));

    /// <summary>Refuses a request of a client with a secret that lacks the secret hash or whose hash is wrong, in AWS's words.</summary>
    public static void Verify(AppClient client, string username, string? secretHash)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.ClientSecret is null)
        {
            return;
        }

        if (secretHash is null)
        {
            throw new NotAuthorizedException($"Client {client.ClientId} is configured for secret but secret was not received");
        }

        if (!Matches(client, username, secretHash))
        {
            throw new NotAuthorizedException($"Unable to verify secret hash for client {client.ClientId}");
        }
    }

    /// <summary>
    /// Refuses a request that must carry the client's secret itself (GetTokensFromRefreshToken) without it or with
    /// another, in the words AWS gives a missing or wrong secret hash [decision: the same words].
    /// </summary>
    public static void VerifySecret(AppClient client, string? clientSecret)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.ClientSecret is not { } secret)
        {
            return;
        }

        if (clientSecret is null)
        {
            throw new NotAuthorizedException($"Client {client.ClientId} is configured for secret but secret was not received");
        }

        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(clientSecret))))
        {
            throw new NotAuthorizedException($"Unable to verify secret hash for client {client.ClientId}");
        }
    }

    /// <summary>Whether the hash is the one for this client's secret and this username.</summary>
    public static bool Matches(AppClient client, string username, string? secretHash)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.ClientSecret is { } secret && secretHash is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, username, client.ClientId)), Encoding.ASCII.GetBytes(secretHash));
    }
}
