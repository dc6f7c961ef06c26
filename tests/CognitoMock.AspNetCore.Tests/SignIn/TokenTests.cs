using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;
using static CognitoMock.AspNetCore.Tests.Support.SignInPool;

namespace CognitoMock.AspNetCore.Tests.SignIn;

/// <summary>docs/behaviour.md §7: the tokens, their claims, lifetimes, keys, revocation and refresh.</summary>
public sealed class TokenTests
{
    private const string NotAuthorized = "NotAuthorizedException";

    [Fact]
    public async Task TheAccessAndIdTokens_CarryCognitosClaims()
    {
        using var mock = Start();
        var signedIn = await PasswordSignInTests.Password(new Wire(mock), "alice", SignInPool.Password);
        var now = mock.Clock.GetUtcNow().ToUnixTimeSeconds();

        var access = Claims(SignInFlows.AccessToken(signedIn));
        var id = Claims(signedIn.Json["AuthenticationResult"]!["IdToken"]!.GetValue<string>());

        access["iss"]!.GetValue<string>().Should().Be($"http://localhost/{Pool}");
        access["sub"]!.GetValue<string>().Should().Be(AliceSub);
        access["token_use"]!.GetValue<string>().Should().Be("access");
        access["scope"]!.GetValue<string>().Should().Be("aws.cognito.signin.user.admin");
        access["client_id"]!.GetValue<string>().Should().Be(Client);
        access["username"]!.GetValue<string>().Should().Be("alice");
        access["iat"]!.GetValue<long>().Should().Be(now);
        access["auth_time"]!.GetValue<long>().Should().Be(now);
        access["exp"]!.GetValue<long>().Should().Be(now + 3600);
        access["device_key"]!.GetValue<string>().Should().Be(signedIn.Json["AuthenticationResult"]!["NewDeviceMetadata"]!["DeviceKey"]!.GetValue<string>());
        access["origin_jti"]!.GetValue<string>().Should().Be(id["origin_jti"]!.GetValue<string>());
        access["jti"]!.GetValue<string>().Should().NotBe(id["jti"]!.GetValue<string>());
        id["aud"]!.GetValue<string>().Should().Be(Client);
        id["token_use"]!.GetValue<string>().Should().Be("id");
        id["cognito:username"]!.GetValue<string>().Should().Be("alice");
        id["email"]!.GetValue<string>().Should().Be("alice@example.com");
        id["email_verified"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Lifetimes_ComeFromTheAppClient()
    {
        using var mock = Start();
        mock.Backend.Store.Write(tx =>
        {
            var client = tx.GetClient(Client)!;
            tx.UpdateClient(client with
            {
                Settings = client.Settings with
                {
                    AccessTokenValidity = 5,
                    IdTokenValidity = 2,
                    TokenValidityUnits = new Domain.TokenUnits { AccessToken = "minutes", IdToken = "hours", RefreshToken = "days" },
                },
            });
        });

        var signedIn = await PasswordSignInTests.Password(new Wire(mock), "alice", SignInPool.Password);

        signedIn.Json["AuthenticationResult"]!["ExpiresIn"]!.GetValue<int>().Should().Be(300);
        var id = Claims(signedIn.Json["AuthenticationResult"]!["IdToken"]!.GetValue<string>());
        (id["exp"]!.GetValue<long>() - id["iat"]!.GetValue<long>()).Should().Be(7200);
    }

    [Fact]
    public async Task GetUser_WithTheAccessToken_ReturnsTheUser()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var token = SignInFlows.AccessToken(await PasswordSignInTests.Password(wire, "alice", SignInPool.Password));

        var response = await wire.CallAsync("GetUser", new { AccessToken = token }, signed: false);

        response.ShouldBeOk();
        response.Json["Username"]!.GetValue<string>().Should().Be("alice");
        response.Json["UserAttributes"]!.AsArray().Select(a => a!["Name"]!.GetValue<string>()).Should().Contain(["sub", "email", "email_verified"]);
    }

    [Fact]
    public async Task AnAccessToken_ExpiresByTheMocksClock()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var token = SignInFlows.AccessToken(await PasswordSignInTests.Password(wire, "alice", SignInPool.Password));

        mock.Clock.Advance(TimeSpan.FromMinutes(59));
        (await wire.CallAsync("GetUser", new { AccessToken = token }, signed: false)).ShouldBeOk();
        mock.Clock.Advance(TimeSpan.FromMinutes(1));
        (await wire.CallAsync("GetUser", new { AccessToken = token }, signed: false)).ShouldBeError(NotAuthorized, "Access Token has expired");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("tampered")]
    [InlineData("alg-none")]
    [InlineData("hs256-with-the-public-key")]
    [InlineData("another-pools-key")]
    [InlineData("an-id-token")]
    public async Task AForgedOrForeignToken_IsAnInvalidAccessToken(string forgery)
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var signedIn = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);
        var token = SignInFlows.AccessToken(signedIn);
        var (header, payload, _) = Split(token);
        var claims = Claims(token);

        var forged = forgery switch
        {
            "tampered" => Join(header, Encode(Replace(claims, "username", "bob")), token.Split('.')[2]),
            "alg-none" => Join(Encode(new JsonObject { ["alg"] = "none" }), payload, ""),
            "hs256-with-the-public-key" => Hs256WithPublicKey(mock, claims),
            "another-pools-key" => SignedWithAnotherPoolsKey(mock, claims),
            "an-id-token" => signedIn.Json["AuthenticationResult"]!["IdToken"]!.GetValue<string>(),
            _ => forgery,
        };

        var response = await wire.CallAsync("GetUser", new { AccessToken = forged }, signed: false);

        response.ShouldBeError(NotAuthorized, "Invalid Access Token");
    }

    [Fact]
    public async Task GlobalSignOut_RevokesTheAccessAndRefreshTokens()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var signedIn = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);
        var token = SignInFlows.AccessToken(signedIn);

        (await wire.CallAsync("GlobalSignOut", new { AccessToken = token }, signed: false)).ShouldBeOk();

        (await wire.CallAsync("GetUser", new { AccessToken = token }, signed: false)).ShouldBeError(NotAuthorized, "Access Token has been revoked");
        (await Refresh(wire, signedIn)).ShouldBeError(NotAuthorized, "Refresh Token has been revoked");
        (await PasswordSignInTests.Password(wire, "alice", SignInPool.Password)).ShouldBeOk();
    }

    [Fact]
    public async Task AdminUserGlobalSignOut_RevokesEverySignInOfTheUser_AndOnlyThatUser()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var first = SignInFlows.AccessToken(await PasswordSignInTests.Password(wire, "alice", SignInPool.Password));
        var second = SignInFlows.AccessToken(await PasswordSignInTests.Password(wire, "alice", SignInPool.Password));
        var bobs = SignInFlows.AccessToken(await PasswordSignInTests.Password(wire, "bob", SignInPool.Password));

        (await wire.CallAsync("AdminUserGlobalSignOut", new { UserPoolId = Pool, Username = "alice@example.com" })).ShouldBeOk();

        (await wire.CallAsync("GetUser", new { AccessToken = first }, signed: false)).ShouldBeError(NotAuthorized, "Access Token has been revoked");
        (await wire.CallAsync("GetUser", new { AccessToken = second }, signed: false)).ShouldBeError(NotAuthorized, "Access Token has been revoked");
        (await wire.CallAsync("GetUser", new { AccessToken = bobs }, signed: false)).ShouldBeOk();
        (await wire.CallAsync("AdminUserGlobalSignOut", new { UserPoolId = Pool, Username = "nobody" })).ShouldBeError("UserNotFoundException", "User does not exist.");
    }

    [Fact]
    public async Task RevokeToken_RevokesThatSignInOnly()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var revoked = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);
        var kept = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);

        (await wire.CallAsync("RevokeToken", new { Token = RefreshToken(revoked), ClientId = Client }, signed: false)).ShouldBeOk();

        (await Refresh(wire, revoked)).ShouldBeError(NotAuthorized, "Refresh Token has been revoked");
        (await wire.CallAsync("GetUser", new { AccessToken = SignInFlows.AccessToken(revoked) }, signed: false)).ShouldBeError(NotAuthorized, "Access Token has been revoked");
        (await Refresh(wire, kept)).ShouldBeOk();
    }

    [Fact]
    public async Task RevokeToken_RefusesWhatIsNotItsToRevoke()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var signedIn = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);

        (await wire.CallAsync("RevokeToken", new { Token = SignInFlows.AccessToken(signedIn), ClientId = Client }, signed: false))
            .ShouldBeError("UnsupportedTokenTypeException", "The token is not a refresh token of this user pool.");
        (await wire.CallAsync("RevokeToken", new { Token = RefreshToken(signedIn), ClientId = SrpOnlyClient }, signed: false))
            .ShouldBeError("UnauthorizedException", $"Client {SrpOnlyClient} is not authorized to revoke a token of another client.");
        (await wire.CallAsync("RevokeToken", new { Token = RefreshToken(signedIn), ClientId = SecretClient }, signed: false))
            .ShouldBeError("UnauthorizedException", $"Client {SecretClient} is not authorized: the client secret does not match.");
    }

    [Fact]
    public async Task Refresh_GivesNewAccessAndIdTokens_ButKeepsTheRefreshToken()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var signedIn = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);
        mock.Clock.Advance(TimeSpan.FromMinutes(90));

        var refreshed = await Refresh(wire, signedIn);

        refreshed.ShouldBeOk();
        var result = refreshed.Json["AuthenticationResult"]!.AsObject();
        result.ContainsKey("RefreshToken").Should().BeFalse();
        result.ContainsKey("NewDeviceMetadata").Should().BeFalse();
        (await wire.CallAsync("GetUser", new { AccessToken = result["AccessToken"]!.GetValue<string>() }, signed: false)).ShouldBeOk();
        var claims = Claims(result["AccessToken"]!.GetValue<string>());
        (claims["iat"]!.GetValue<long>() - claims["auth_time"]!.GetValue<long>()).Should().Be(90 * 60, "auth_time stays the time of the sign-in");
    }

    [Fact]
    public async Task Refresh_InADeviceTrackingPool_NeedsTheDeviceTheTokenWasIssuedTo()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var signedIn = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);
        var other = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);

        (await Refresh(wire, signedIn, deviceKey: null)).ShouldBeError(NotAuthorized, "Invalid Refresh Token");
        (await Refresh(wire, signedIn, DeviceKey(other))).ShouldBeError(NotAuthorized, "Invalid Refresh Token");
        (await Refresh(wire, signedIn, DeviceKey(signedIn))).ShouldBeOk();
    }

    [Fact]
    public async Task Refresh_ExpiresAfterThirtyDays_AndUnknownTokensAreInvalid()
    {
        using var mock = Start();
        var wire = new Wire(mock);
        var signedIn = await PasswordSignInTests.Password(wire, "alice", SignInPool.Password);

        (await Refresh(wire, signedIn, refreshToken: "not-a-refresh-token")).ShouldBeError(NotAuthorized, "Invalid Refresh Token");
        mock.Clock.Advance(TimeSpan.FromDays(30));
        (await Refresh(wire, signedIn)).ShouldBeError(NotAuthorized, "Refresh Token has expired");
    }

    [Fact]
    public async Task Jwks_PublishesTheKeyThatSignsThePoolsTokens_AndTheOpenIdConfigurationPointsAtIt()
    {
        using var mock = Start();
        var http = mock.CreateClient();
        var token = SignInFlows.AccessToken(await PasswordSignInTests.Password(new Wire(mock), "alice", SignInPool.Password));

        var jwks = JsonNode.Parse(await http.GetStringAsync($"/{Pool}/.well-known/jwks.json"))!["keys"]!.AsArray().Single()!;
        var configuration = JsonNode.Parse(await http.GetStringAsync($"/{Pool}/.well-known/openid-configuration"))!;

        var (header, _, _) = Split(token);
        JsonNode.Parse(Base64Url.DecodeFromChars(header))!["kid"]!.GetValue<string>().Should().Be(jwks["kid"]!.GetValue<string>());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(jwks["n"]!.GetValue<string>()),
            Exponent = Base64Url.DecodeFromChars(jwks["e"]!.GetValue<string>()),
        });
        var parts = token.Split('.');
        rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .Should().BeTrue();
        configuration["issuer"]!.GetValue<string>().Should().Be($"http://localhost/{Pool}");
        configuration["jwks_uri"]!.GetValue<string>().Should().Be($"http://localhost/{Pool}/.well-known/jwks.json");
        (await http.GetAsync("/us-east-1_Missing/.well-known/jwks.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tokens_StayValidAcrossARestartOnTheSameFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cognitomock-{Guid.NewGuid():N}.db");
        try
        {
            string token;
            using (var first = InProcessCognitoMock.Start(s => s.DataPath = path))
            {
                first.Seed(SeedOf(Start()));
                token = SignInFlows.AccessToken(await PasswordSignInTests.Password(new Wire(first), "alice", SignInPool.Password));
            }

            using var second = InProcessCognitoMock.Start(s => s.DataPath = path);
            (await new Wire(second).CallAsync("GetUser", new { AccessToken = token }, signed: false)).ShouldBeOk();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task APoolDeletedAndSeededAgain_GetsANewKeyThatOutlivesARestart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cognitomock-{Guid.NewGuid():N}.db");
        try
        {
            var seed = SeedOf(Start());
            string token;
            using (var first = InProcessCognitoMock.Start(s => s.DataPath = path))
            {
                var wire = new Wire(first);
                first.Seed(seed);
                (await PasswordSignInTests.Password(wire, "alice", SignInPool.Password)).ShouldBeOk();
                (await wire.CallAsync("DeleteUserPool", new { UserPoolId = Pool })).ShouldBeOk();
                first.Seed(seed);
                token = SignInFlows.AccessToken(await PasswordSignInTests.Password(wire, "alice", SignInPool.Password));
            }

            using var second = InProcessCognitoMock.Start(s => s.DataPath = path);
            (await new Wire(second).CallAsync("GetUser", new { AccessToken = token }, signed: false)).ShouldBeOk();
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static Task<WireResponse> Refresh(Wire wire, WireResponse signedIn, string? deviceKey = "", string? refreshToken = null)
    {
        var parameters = new Dictionary<string, string?> { ["REFRESH_TOKEN"] = refreshToken ?? RefreshToken(signedIn) };
        if (deviceKey is not null)
        {
            parameters["DEVICE_KEY"] = deviceKey.Length == 0 ? DeviceKey(signedIn) : deviceKey;
        }

        return wire.CallAsync("InitiateAuth", new { AuthFlow = "REFRESH_TOKEN_AUTH", ClientId = Client, AuthParameters = parameters }, signed: false);
    }

    internal static JsonObject Claims(string token) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();

    private static string RefreshToken(WireResponse signedIn) => signedIn.Json["AuthenticationResult"]!["RefreshToken"]!.GetValue<string>();

    private static string DeviceKey(WireResponse signedIn) =>
        signedIn.Json["AuthenticationResult"]!["NewDeviceMetadata"]!["DeviceKey"]!.GetValue<string>();

    private static (string Header, string Payload, string Signature) Split(string token)
    {
        var parts = token.Split('.');
        return (parts[0], parts[1], parts[2]);
    }

    private static string Join(string header, string payload, string signature) => $"{header}.{payload}.{signature}";

    private static string Encode(JsonNode node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));

    private static JsonObject Replace(JsonObject claims, string name, string value)
    {
        var copy = claims.DeepClone().AsObject();
        copy[name] = value;
        return copy;
    }

    private static string Hs256WithPublicKey(InProcessCognitoMock mock, JsonObject claims)
    {
        var key = mock.Backend.SigningKeys.For(Pool);
        var header = Encode(new JsonObject { ["kid"] = key.Kid, ["alg"] = "HS256" });
        var payload = Encode(claims);
        var secret = Encoding.ASCII.GetBytes(key.Rsa.ExportSubjectPublicKeyInfoPem());
        return Join(header, payload, Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(header + "." + payload))));
    }

    private static string SignedWithAnotherPoolsKey(InProcessCognitoMock mock, JsonObject claims)
    {
        mock.Seed(new Seeding.SeedDocument { UserPools = [new() { Id = "us-east-1_Other2", Name = "other" }] });
        var otherKey = mock.Backend.SigningKeys.For("us-east-1_Other2");
        var header = Encode(new JsonObject { ["kid"] = mock.Backend.SigningKeys.For(Pool).Kid, ["alg"] = "RS256" });
        var payload = Encode(claims);
        var signature = otherKey.Rsa.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Join(header, payload, Base64Url.EncodeToString(signature));
    }

    private static Seeding.SeedDocument SeedOf(InProcessCognitoMock donor)
    {
        using (donor)
        {
            return System.Text.Json.JsonSerializer.Deserialize(
                System.Text.Json.JsonSerializer.Serialize(Seeding.SeedExporter.Export(donor.Backend.Store), Seeding.SeedJsonContext.Default.SeedDocument),
                Seeding.SeedJsonContext.Default.SeedDocument)!;
        }
    }
}
