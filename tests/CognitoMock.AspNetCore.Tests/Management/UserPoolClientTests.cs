using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>CreateUserPoolClient, DescribeUserPoolClient, UpdateUserPoolClient, DeleteUserPoolClient and ListUserPoolClients.</summary>
public sealed class UserPoolClientTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private const string Invalid = "InvalidParameterException";
    private const string NotFound = "ResourceNotFoundException";

    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    [Fact]
    public async Task CreateUserPoolClient_WithOnlyAName_HasNoSecretAndAwsDefaults()
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("CreateUserPoolClient", new { UserPoolId = pool, ClientName = "web" });

        response.ShouldBeOk();
        var client = response.Json["UserPoolClient"]!.AsObject();
        client["ClientId"]!.GetValue<string>().Should().MatchRegex("^[a-z0-9]{26}$");
        client["UserPoolId"]!.GetValue<string>().Should().Be(pool);
        client["ClientName"]!.GetValue<string>().Should().Be("web");
        client.ContainsKey("ClientSecret").Should().BeFalse();
        client["ExplicitAuthFlows"]!.ToJsonString().Should().Be("""["ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_SRP_AUTH","ALLOW_CUSTOM_AUTH"]""");
        client["RefreshTokenValidity"]!.GetValue<int>().Should().Be(30);
        client["AllowedOAuthFlowsUserPoolClient"]!.GetValue<bool>().Should().BeFalse();
        client["EnableTokenRevocation"]!.GetValue<bool>().Should().BeTrue();
        client["EnablePropagateAdditionalUserContextData"]!.GetValue<bool>().Should().BeFalse();
        client["AuthSessionValidity"]!.GetValue<int>().Should().Be(3);
        client["CreationDate"]!.GetValue<double>().Should().BeApproximately(_mock.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 0.001);
        client["LastModifiedDate"]!.GetValue<double>().Should().Be(client["CreationDate"]!.GetValue<double>());
    }

    [Fact]
    public async Task CreateUserPoolClient_WithGenerateSecret_HasASecret_AndWithClientSecret_HasThatOne()
    {
        var pool = await _wire.CreatePoolAsync();

        var (_, generated) = await _wire.CreateClientAsync(pool, new JsonObject { ["GenerateSecret"] = true });
        var (_, given) = await _wire.CreateClientAsync(pool, new JsonObject { ["ClientSecret"] = "my0wn0secret0of0thirty0two0chars" });

        generated.Should().MatchRegex("^[a-z0-9]{51}$");
        given.Should().Be("my0wn0secret0of0thirty0two0chars");
    }

    [Fact]
    public async Task CreateUserPoolClient_KeepsTheSettingsItIsGiven_AndDescribeUserPoolClientReturnsThem()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["Schema"] = new JsonArray(new JsonObject { ["Name"] = "plan" }) });
        var settings = new JsonObject
        {
            ["ExplicitAuthFlows"] = new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
            ["RefreshTokenValidity"] = 10,
            ["AccessTokenValidity"] = 30,
            ["IdTokenValidity"] = 2,
            ["TokenValidityUnits"] = new JsonObject { ["AccessToken"] = "minutes", ["IdToken"] = "hours", ["RefreshToken"] = "days" },
            ["ReadAttributes"] = new JsonArray("email", "custom:plan"),
            ["WriteAttributes"] = new JsonArray("email"),
            ["SupportedIdentityProviders"] = new JsonArray("COGNITO"),
            ["CallbackURLs"] = new JsonArray("https://example.com/callback"),
            ["LogoutURLs"] = new JsonArray("https://example.com/bye"),
            ["DefaultRedirectURI"] = "https://example.com/callback",
            ["AllowedOAuthFlows"] = new JsonArray("code"),
            ["AllowedOAuthScopes"] = new JsonArray("openid", "email"),
            ["AllowedOAuthFlowsUserPoolClient"] = true,
            ["PreventUserExistenceErrors"] = "ENABLED",
            ["EnableTokenRevocation"] = false,
            ["EnablePropagateAdditionalUserContextData"] = true,
            ["AuthSessionValidity"] = 15,
            ["RefreshTokenRotation"] = new JsonObject { ["Feature"] = "ENABLED", ["RetryGracePeriodSeconds"] = 10 },
        };
        var (clientId, _) = await _wire.CreateClientAsync(pool, settings.DeepClone().AsObject());

        var client = await Describe(pool, clientId);

        foreach (var (name, value) in settings)
        {
            JsonNode.DeepEquals(client[name], value).Should().BeTrue($"{name} was {value!.ToJsonString()} and is {client[name]?.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData("""{"GenerateSecret":true,"ClientSecret":"my0wn0secret0of0thirty0two0chars"}""", "GenerateSecret and a ClientSecret cannot both be given.")]
    [InlineData("""{"ExplicitAuthFlows":["USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}""",
        "ExplicitAuthFlows cannot mix the legacy values ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY and USER_PASSWORD_AUTH with values that begin with ALLOW_.")]
    [InlineData("""{"AccessTokenValidity":2,"TokenValidityUnits":{"AccessToken":"days"}}""", "AccessTokenValidity must be between 5 minutes and 1 day in its TokenValidityUnits.")]
    [InlineData("""{"IdTokenValidity":60,"TokenValidityUnits":{"IdToken":"seconds"}}""", "IdTokenValidity must be between 5 minutes and 1 day in its TokenValidityUnits.")]
    [InlineData("""{"RefreshTokenValidity":3651}""", "RefreshTokenValidity must be between 60 minutes and 10 years in its TokenValidityUnits.")]
    [InlineData("""{"ReadAttributes":["email","custom:nope"]}""", "Invalid read attributes specified while creating a client")]
    [InlineData("""{"WriteAttributes":["shoe_size"]}""", "Invalid write attributes specified while creating a client")]
    public async Task CreateUserPoolClient_WithSettingsAClientCannotHave_IsInvalid(string settings, string message)
    {
        var pool = await _wire.CreatePoolAsync();
        var request = JsonNode.Parse(settings)!.AsObject();
        request["UserPoolId"] = pool;
        request["ClientName"] = "web";

        var response = await _wire.CallAsync("CreateUserPoolClient", request);

        response.ShouldBeError(Invalid, message);
    }

    [Fact]
    public async Task UpdateUserPoolClient_SetsWhatItIsGiven_ResetsWhatItLeavesOut_AndKeepsTheNameAndSecret()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, secret) = await _wire.CreateClientAsync(pool, new JsonObject
        {
            ["ClientName"] = "first",
            ["GenerateSecret"] = true,
            ["AccessTokenValidity"] = 2,
            ["EnableTokenRevocation"] = false,
            ["ExplicitAuthFlows"] = new JsonArray("ALLOW_USER_SRP_AUTH"),
        });
        _mock.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await _wire.CallAsync("UpdateUserPoolClient", new { UserPoolId = pool, ClientId = clientId, RefreshTokenValidity = 7 });

        response.ShouldBeOk();
        var updated = response.Json["UserPoolClient"]!.AsObject();
        JsonNode.DeepEquals(updated, await Describe(pool, clientId)).Should().BeTrue();
        updated["ClientName"]!.GetValue<string>().Should().Be("first");
        updated["ClientSecret"]!.GetValue<string>().Should().Be(secret);
        updated["RefreshTokenValidity"]!.GetValue<int>().Should().Be(7);
        updated.ContainsKey("AccessTokenValidity").Should().BeFalse();
        updated["EnableTokenRevocation"]!.GetValue<bool>().Should().BeTrue();
        updated["ExplicitAuthFlows"]!.ToJsonString().Should().Be("""["ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_SRP_AUTH","ALLOW_CUSTOM_AUTH"]""");
        updated["LastModifiedDate"]!.GetValue<double>().Should().Be(updated["CreationDate"]!.GetValue<double>() + 60);
    }

    [Fact]
    public async Task UpdateUserPoolClient_WithSettingsAClientCannotHave_IsInvalid()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool);

        var response = await _wire.CallAsync("UpdateUserPoolClient", new { UserPoolId = pool, ClientId = clientId, WriteAttributes = new[] { "custom:nope" } });

        response.ShouldBeError(Invalid, "Invalid write attributes specified while updating a client");
    }

    [Fact]
    public async Task DeleteUserPoolClient_RemovesIt()
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool);

        var response = await _wire.CallAsync("DeleteUserPoolClient", new { UserPoolId = pool, ClientId = clientId });

        response.ShouldBeOk();
        response.Text.Should().Be("{}");
        (await _wire.CallAsync("DescribeUserPoolClient", new { UserPoolId = pool, ClientId = clientId }))
            .ShouldBeError(NotFound, $"User pool client {clientId} does not exist.");
    }

    [Fact]
    public async Task ListUserPoolClients_PagesThroughThePoolsClientsOnceInIdOrder()
    {
        var pool = await _wire.CreatePoolAsync();
        var other = await _wire.CreatePoolAsync();
        await _wire.CreateClientAsync(other);
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await _wire.CreateClientAsync(pool, new JsonObject { ["ClientName"] = $"client{i}" })).ClientId);
        }

        var listed = new List<JsonNode>();
        string? token = null;
        do
        {
            var response = await _wire.CallAsync("ListUserPoolClients", token is null ? new { UserPoolId = pool, MaxResults = 2 } : new { UserPoolId = pool, MaxResults = 2, NextToken = token });
            response.ShouldBeOk();
            listed.AddRange(response.Json["UserPoolClients"]!.AsArray()!);
            token = response.Json["NextToken"]?.GetValue<string>();
        }
        while (token is not null);

        listed.Select(c => c["ClientId"]!.GetValue<string>()).Should().Equal(created.Order(StringComparer.Ordinal));
        listed.Should().OnlyContain(c => c["UserPoolId"]!.GetValue<string>() == pool && c["ClientName"]!.GetValue<string>().StartsWith("client", StringComparison.Ordinal));
    }

    private async Task<JsonObject> Describe(string pool, string clientId)
    {
        var response = await _wire.CallAsync("DescribeUserPoolClient", new { UserPoolId = pool, ClientId = clientId });
        response.ShouldBeOk();
        return response.Json["UserPoolClient"]!.AsObject();
    }
}
