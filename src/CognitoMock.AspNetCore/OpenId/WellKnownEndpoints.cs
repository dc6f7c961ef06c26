using System.Text.Json;
using CognitoMock.AspNetCore.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CognitoMock.AspNetCore.OpenId;

/// <summary>
/// Each pool's public keys and OpenID configuration, where ASP.NET's JwtBearer handler looks for them given
/// Authority = &lt;base-url&gt;/&lt;poolId&gt; (docs/behaviour.md §7).
/// </summary>
internal static class WellKnownEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{userPoolId}/.well-known/jwks.json", (string userPoolId, HttpContext http, CognitoBackend backend, CognitoMockSettings settings) =>
            Write(http, backend, settings, userPoolId, (writer, _) =>
            {
                var key = backend.SigningKeys.For(userPoolId);
                var (modulus, exponent) = key.PublicJwk;
                writer.WriteStartArray("keys");
                writer.WriteStartObject();
                writer.WriteString("alg", "RS256");
                writer.WriteString("e", exponent);
                writer.WriteString("kid", key.Kid);
                writer.WriteString("kty", "RSA");
                writer.WriteString("n", modulus);
                writer.WriteString("use", "sig");
                writer.WriteEndObject();
                writer.WriteEndArray();
            }));

        endpoints.MapGet("/{userPoolId}/.well-known/openid-configuration", (string userPoolId, HttpContext http, CognitoBackend backend, CognitoMockSettings settings) =>
            Write(http, backend, settings, userPoolId, (writer, issuer) =>
            {
                writer.WriteString("issuer", issuer);
                writer.WriteString("jwks_uri", issuer + "/.well-known/jwks.json");
                WriteArray(writer, "id_token_signing_alg_values_supported", "RS256");
                WriteArray(writer, "subject_types_supported", "public");
                WriteArray(writer, "response_types_supported", "code", "token");
                WriteArray(writer, "scopes_supported", "openid", "email", "phone", "profile", "aws.cognito.signin.user.admin");
                WriteArray(writer, "token_endpoint_auth_methods_supported", "client_secret_basic", "client_secret_post");
            }));
    }

    private static async Task Write(HttpContext http, CognitoBackend backend, CognitoMockSettings settings, string userPoolId, Action<Utf8JsonWriter, string> body)
    {
        http.Response.ContentType = "application/json";
        if (backend.Store.GetPool(userPoolId) is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync($$"""{"message":"User pool {{JsonEncodedText.Encode(userPoolId)}} does not exist."}""");
            return;
        }

        var issuer = $"{AwsJsonEndpoint.BaseUrlOf(http.Request, settings)}/{userPoolId}";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        writer.WriteStartObject();
        body(writer, issuer);
        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, params string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
