using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoMock.Server.Tests;

/// <summary>
/// What users do with the mock's tokens: protect their own API with ASP.NET Core's JwtBearer handler, pointed
/// at the mock as its Authority, the way they point it at Cognito.
/// </summary>
public sealed class JwtBearerTests
{
    private const string Pool = "us-east-1_DemoAlias";

    [Fact]
    public async Task JwtBearer_WithTheMockAsAuthority_AcceptsTheMocksAccessToken_AndRejectsAnExpiredOne()
    {
        using var folder = new TempFolder();
        using var mock = await ServerProcess.StartAsync(folder.Path, null, "--port", "0", "--data", folder.File("jwt.db"));
        await using var api = await ProtectedApiAsync(new Uri(mock.Url, Pool).ToString());
        var http = api.GetTestClient();

        var fresh = await SignInAsync(mock);
        // Issued two hours ago by the mock's clock, so it expired an hour ago by everyone's.
        (await mock.PostAsync("/_mock/clock", """{"AdvanceSeconds": -7200}""")).Should().Be(HttpStatusCode.OK);
        var expired = await SignInAsync(mock);

        (await GetAsync(http, fresh)).Should().Be(HttpStatusCode.OK);
        (await GetAsync(http, expired)).Should().Be(HttpStatusCode.Unauthorized);
        (await GetAsync(http, fresh[..^4] + "AAAA")).Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<WebApplication> ProtectedApiAsync(string authority)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = authority;
            // The mock serves plain HTTP on loopback.
            options.RequireHttpsMetadata = false;
            // Cognito's access tokens name their app client in client_id and carry no aud.
            options.TokenValidationParameters.ValidateAudience = false;
        });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (HttpContext context) => context.User.FindFirst("username")?.Value).RequireAuthorization();
        await app.StartAsync();
        return app;
    }

    private static async Task<string> SignInAsync(ServerProcess mock)
    {
        var (status, body) = await mock.CallAsync("InitiateAuth", """
            {"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"demoaliasweb00000000000001","AuthParameters":{"USERNAME":"alice","PASSWORD":"Passw0rd!"}}
            """);
        status.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["AuthenticationResult"]!["AccessToken"]!.GetValue<string>();
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
