using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>CreateUserPool, DescribeUserPool, UpdateUserPool, DeleteUserPool and ListUserPools.</summary>
public sealed class UserPoolTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private const string Invalid = "InvalidParameterException";

    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    [Fact]
    public async Task CreateUserPool_WithOnlyAName_ReturnsThePoolWithAwsDefaults()
    {
        var now = _mock.Clock.GetUtcNow();

        var response = await _wire.CallAsync("CreateUserPool", new { PoolName = "My pool" });

        response.ShouldBeOk();
        var pool = response.Json["UserPool"]!;
        var id = pool["Id"]!.GetValue<string>();
        id.Should().MatchRegex("^us-east-1_[0-9A-Za-z]{9}$");
        pool["Name"]!.GetValue<string>().Should().Be("My pool");
        pool["Arn"]!.GetValue<string>().Should().Be($"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{id}");
        pool["CreationDate"]!.GetValue<double>().Should().BeApproximately(now.ToUnixTimeMilliseconds() / 1000.0, 0.001);
        pool["LastModifiedDate"]!.GetValue<double>().Should().Be(pool["CreationDate"]!.GetValue<double>());
        pool["EstimatedNumberOfUsers"]!.GetValue<int>().Should().Be(0);
        pool["MfaConfiguration"]!.GetValue<string>().Should().Be("OFF");
        pool["DeletionProtection"]!.GetValue<string>().Should().Be("INACTIVE");
        pool["LambdaConfig"]!.ToJsonString().Should().Be("{}");
        pool["Policies"]!["PasswordPolicy"]!.ToJsonString().Should().Be(
            """{"MinimumLength":8,"RequireUppercase":true,"RequireLowercase":true,"RequireNumbers":true,"RequireSymbols":true,"TemporaryPasswordValidityDays":7}""");
        pool["AdminCreateUserConfig"]!.ToJsonString().Should().Be("""{"AllowAdminCreateUserOnly":false,"UnusedAccountValidityDays":7}""");
        pool["UsernameConfiguration"]!.ToJsonString().Should().Be("""{"CaseSensitive":true}""");
        pool.AsObject().ContainsKey("AliasAttributes").Should().BeFalse();
        pool.AsObject().ContainsKey("UsernameAttributes").Should().BeFalse();
        pool.AsObject().ContainsKey("DeviceConfiguration").Should().BeFalse();
    }

    [Fact]
    public async Task CreateUserPool_SchemaAttributes_AreTheStandardOnesInAwsOrder()
    {
        var id = await _wire.CreatePoolAsync();

        var schema = (await Describe(id))["SchemaAttributes"]!.AsArray();

        schema.Select(a => a!["Name"]!.GetValue<string>()).Should().Equal(
            "sub", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
            "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
            "phone_number_verified", "address", "updated_at");
        schema[0]!.ToJsonString().Should().Be(
            """{"Name":"sub","AttributeDataType":"String","DeveloperOnlyAttribute":false,"Mutable":false,"Required":true,"StringAttributeConstraints":{"MinLength":"1","MaxLength":"2048"}}""");
        schema[11]!.ToJsonString().Should().Be(
            """{"Name":"email_verified","AttributeDataType":"Boolean","DeveloperOnlyAttribute":false,"Mutable":true,"Required":false}""");
        schema[19]!.ToJsonString().Should().Be(
            """{"Name":"updated_at","AttributeDataType":"Number","DeveloperOnlyAttribute":false,"Mutable":true,"Required":false,"NumberAttributeConstraints":{"MinValue":"0"}}""");
    }

    [Fact]
    public async Task CreateUserPool_Schema_ChangesStandardAttributesAndAddsCustomOnesAsCustomName()
    {
        var id = await _wire.CreatePoolAsync(new JsonObject
        {
            ["Schema"] = new JsonArray(
                new JsonObject { ["Name"] = "email", ["Required"] = true, ["Mutable"] = false },
                new JsonObject { ["Name"] = "tenant", ["AttributeDataType"] = "String", ["Mutable"] = false, ["StringAttributeConstraints"] = new JsonObject { ["MaxLength"] = "36" } },
                new JsonObject { ["Name"] = "custom:level", ["AttributeDataType"] = "Number" }),
        });

        var schema = (await Describe(id))["SchemaAttributes"]!.AsArray().ToDictionary(a => a!["Name"]!.GetValue<string>(), a => a!.ToJsonString());

        schema.Should().HaveCount(22);
        schema["email"].Should().Be(
            """{"Name":"email","AttributeDataType":"String","DeveloperOnlyAttribute":false,"Mutable":false,"Required":true,"StringAttributeConstraints":{"MinLength":"0","MaxLength":"2048"}}""");
        schema["custom:tenant"].Should().Be(
            """{"Name":"custom:tenant","AttributeDataType":"String","DeveloperOnlyAttribute":false,"Mutable":false,"Required":false,"StringAttributeConstraints":{"MaxLength":"36"}}""");
        schema["custom:level"].Should().Be(
            """{"Name":"custom:level","AttributeDataType":"Number","DeveloperOnlyAttribute":false,"Mutable":true,"Required":false}""");
    }

    [Fact]
    public async Task CreateUserPool_KeepsTheSettingsItIsGiven_AndDescribeUserPoolReturnsThem()
    {
        var settings = new JsonObject
        {
            ["AliasAttributes"] = new JsonArray("email", "preferred_username"),
            ["UsernameConfiguration"] = new JsonObject { ["CaseSensitive"] = false },
            ["DeviceConfiguration"] = new JsonObject { ["ChallengeRequiredOnNewDevice"] = true, ["DeviceOnlyRememberedOnUserPrompt"] = true },
            ["Policies"] = new JsonObject { ["PasswordPolicy"] = new JsonObject { ["MinimumLength"] = 12, ["RequireSymbols"] = false } },
            ["MfaConfiguration"] = "OPTIONAL",
            ["DeletionProtection"] = "ACTIVE",
            ["LambdaConfig"] = new JsonObject { ["PreSignUp"] = "arn:aws:lambda:us-east-1:123456789012:function:pre" },
            ["AutoVerifiedAttributes"] = new JsonArray("email"),
            ["EmailVerificationSubject"] = "Your code",
            ["VerificationMessageTemplate"] = new JsonObject { ["DefaultEmailOption"] = "CONFIRM_WITH_LINK" },
            ["EmailConfiguration"] = new JsonObject { ["EmailSendingAccount"] = "COGNITO_DEFAULT", ["ReplyToEmailAddress"] = "help@example.com" },
            ["UserPoolTags"] = new JsonObject { ["team"] = "identity" },
            ["AdminCreateUserConfig"] = new JsonObject { ["AllowAdminCreateUserOnly"] = true },
            ["AccountRecoverySetting"] = new JsonObject { ["RecoveryMechanisms"] = new JsonArray(new JsonObject { ["Priority"] = 1, ["Name"] = "verified_email" }) },
            ["UserPoolTier"] = "PLUS",
        };

        var id = await _wire.CreatePoolAsync(settings);
        var pool = await Describe(id);

        foreach (var (name, value) in settings.Where(s => s.Key != "PoolName"))
        {
            JsonNode.DeepEquals(pool[name], value).Should().BeTrue($"{name} was {value!.ToJsonString()} and is {pool[name]?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task CreateUserPool_InAnotherRegion_NamesThatRegionInTheIdAndArn()
    {
        using var mock = InProcessCognitoMock.Start(s => { s.Engine.Region = "eu-west-1"; s.Engine.AccountId = "210987654321"; });

        var response = await new Wire(mock).CallAsync("CreateUserPool", new { PoolName = "eu" });

        var pool = response.Json["UserPool"]!;
        pool["Id"]!.GetValue<string>().Should().StartWith("eu-west-1_");
        pool["Arn"]!.GetValue<string>().Should().Be($"arn:aws:cognito-idp:eu-west-1:210987654321:userpool/{pool["Id"]}");
    }

    [Fact]
    public async Task CreateUserPool_WithAliasAndUsernameAttributes_IsInvalid()
    {
        var response = await _wire.CallAsync("CreateUserPool", new { PoolName = "both", AliasAttributes = new[] { "email" }, UsernameAttributes = new[] { "email" } });

        response.ShouldBeError(Invalid, "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
    }

    [Theory]
    [InlineData("""{"Name":"plan","Required":true}""", "Required custom attributes are not supported currently.")]
    [InlineData("""{"Name":"email","AttributeDataType":"Number"}""", "email is a standard attribute of type String; its AttributeDataType cannot be Number.")]
    [InlineData("""{"Mutable":true}""", "Every schema attribute needs a Name.")]
    public async Task CreateUserPool_WithASchemaAttributeItCannotHave_IsInvalid(string attribute, string message)
    {
        var response = await _wire.CallAsync("CreateUserPool", new JsonObject { ["PoolName"] = "schema", ["Schema"] = new JsonArray(JsonNode.Parse(attribute)) });

        response.ShouldBeError(Invalid, message);
    }

    [Fact]
    public async Task CreateUserPool_NamingASchemaAttributeTwice_IsInvalid()
    {
        var response = await _wire.CallAsync("CreateUserPool", new { PoolName = "twice", Schema = new[] { new { Name = "plan" }, new { Name = "custom:plan" } } });

        response.ShouldBeError(Invalid, "The schema names the attribute plan more than once.");
    }

    [Fact]
    public async Task CreateUserPool_WithAnInvalidName_IsAValidationErrorQuotingIt()
    {
        var response = await _wire.CallAsync("CreateUserPool", new { PoolName = "bad/name" });

        response.ShouldBeError(Invalid,
            "1 validation error detected: Value 'bad/name' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
    }

    [Fact]
    public async Task DescribeUserPool_CountsThePoolsUsers()
    {
        var id = await _wire.CreatePoolAsync();
        await _wire.CreateUserAsync(id, "ann");
        await _wire.CreateUserAsync(id, "ben");
        await _wire.CreateUserAsync(id, "cat");
        (await _wire.CallAsync("AdminDeleteUser", new { UserPoolId = id, Username = "ben" })).ShouldBeOk();

        (await Describe(id))["EstimatedNumberOfUsers"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task UpdateUserPool_SetsWhatItIsGiven_ResetsWhatItLeavesOut_AndKeepsTheTierAndTags()
    {
        var id = await _wire.CreatePoolAsync(new JsonObject
        {
            ["AliasAttributes"] = new JsonArray("email"),
            ["UsernameConfiguration"] = new JsonObject { ["CaseSensitive"] = false },
            ["MfaConfiguration"] = "OPTIONAL",
            ["LambdaConfig"] = new JsonObject { ["PreSignUp"] = "arn:aws:lambda:us-east-1:123456789012:function:pre" },
            ["DeviceConfiguration"] = new JsonObject { ["ChallengeRequiredOnNewDevice"] = true },
            ["UserPoolTier"] = "PLUS",
            ["UserPoolTags"] = new JsonObject { ["team"] = "identity" },
        });
        var created = await Describe(id);
        _mock.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await _wire.CallAsync("UpdateUserPool", new
        {
            UserPoolId = id,
            PoolName = "Renamed",
            Policies = new { PasswordPolicy = new { MinimumLength = 10 } },
            EmailVerificationSubject = "Welcome",
        });

        response.ShouldBeOk();
        response.Text.Should().Be("{}");
        var pool = await Describe(id);
        pool["Name"]!.GetValue<string>().Should().Be("Renamed");
        pool["Policies"]!["PasswordPolicy"]!.ToJsonString().Should().Be("""{"MinimumLength":10}""");
        pool["EmailVerificationSubject"]!.GetValue<string>().Should().Be("Welcome");
        pool["MfaConfiguration"]!.GetValue<string>().Should().Be("OFF");
        pool["LambdaConfig"]!.ToJsonString().Should().Be("{}");
        pool.AsObject().ContainsKey("DeviceConfiguration").Should().BeFalse();
        pool["UserPoolTier"]!.GetValue<string>().Should().Be("PLUS");
        pool["UserPoolTags"]!.ToJsonString().Should().Be("""{"team":"identity"}""");
        pool["AliasAttributes"]!.ToJsonString().Should().Be("""["email"]""");
        pool["UsernameConfiguration"]!.ToJsonString().Should().Be("""{"CaseSensitive":false}""");
        pool["CreationDate"]!.GetValue<double>().Should().Be(created["CreationDate"]!.GetValue<double>());
        pool["LastModifiedDate"]!.GetValue<double>().Should().Be(created["LastModifiedDate"]!.GetValue<double>() + 300);
    }

    [Fact]
    public async Task DeleteUserPool_RemovesThePoolWithItsClientsUsersAndDevices()
    {
        var id = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(id);
        var user = await _wire.CreateUserAsync(id, "ann");
        var userId = _mock.Backend.Store.FindUserBySub(id, Setup.Sub(user))!.Id;
        _mock.Backend.Store.Write(tx => tx.InsertDevice(new Domain.Device { DeviceKey = "us-east-1_0000aaaa-0000-4000-8000-00000000d001", UserId = userId, Confirmed = true }));

        var response = await _wire.CallAsync("DeleteUserPool", new { UserPoolId = id });

        response.ShouldBeOk();
        response.Text.Should().Be("{}");
        (await _wire.CallAsync("DescribeUserPool", new { UserPoolId = id })).ShouldBeError("ResourceNotFoundException", $"User pool {id} does not exist.");
        var store = _mock.Backend.Store;
        store.GetClient(clientId).Should().BeNull();
        store.GetUser(userId).Should().BeNull();
        store.GetDevice(userId, "us-east-1_0000aaaa-0000-4000-8000-00000000d001").Should().BeNull();
        store.FindUserId(id, new Domain.LookupKey(Domain.UserLookup.Username, "ann")).Should().BeNull();
    }

    [Fact]
    public async Task DeleteUserPool_WithDeletionProtection_IsRefusedUntilUpdateUserPoolLiftsIt()
    {
        var id = await _wire.CreatePoolAsync(new JsonObject { ["DeletionProtection"] = "ACTIVE" });

        var refused = await _wire.CallAsync("DeleteUserPool", new { UserPoolId = id });
        (await _wire.CallAsync("UpdateUserPool", new { UserPoolId = id, DeletionProtection = "INACTIVE" })).ShouldBeOk();
        var deleted = await _wire.CallAsync("DeleteUserPool", new { UserPoolId = id });

        refused.ShouldBeError(Invalid,
            "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.");
        deleted.ShouldBeOk();
    }

    [Fact]
    public async Task ListUserPools_PagesThroughEveryPoolOnceInIdOrder()
    {
        using var mock = InProcessCognitoMock.Start();
        var wire = new Wire(mock);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await wire.CreatePoolAsync(new JsonObject { ["PoolName"] = $"pool {i}" }));
        }

        var listed = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var response = await wire.CallAsync("ListUserPools", token is null ? new { MaxResults = 2 } : new { MaxResults = 2, NextToken = token });
            response.ShouldBeOk();
            pages++;
            var page = response.Json["UserPools"]!.AsArray();
            page.Should().OnlyContain(p => p!["LambdaConfig"] != null && p["CreationDate"] != null && p["LastModifiedDate"] != null && p["Name"] != null);
            listed.AddRange(page.Select(p => p!["Id"]!.GetValue<string>()));
            token = response.Json["NextToken"]?.GetValue<string>();
        }
        while (token is not null);

        listed.Should().Equal(created.Order(StringComparer.Ordinal));
        pages.Should().Be(3);
    }

    [Fact]
    public async Task ListUserPools_WithATokenFromAnotherListing_IsInvalid()
    {
        var id = await _wire.CreatePoolAsync();
        await _wire.CreateClientAsync(id);
        await _wire.CreateClientAsync(id);
        var clients = await _wire.CallAsync("ListUserPoolClients", new { UserPoolId = id, MaxResults = 1 });
        var token = clients.Json["NextToken"]!.GetValue<string>();

        var response = await _wire.CallAsync("ListUserPools", new { MaxResults = 1, NextToken = token });

        response.ShouldBeError(Invalid, $"Paging marker {token} is invalid for request {response.RequestId}: the token was issued for another operation, user pool or user.");
    }

    [Theory]
    [InlineData(0, "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    [InlineData(61, "Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60")]
    public async Task ListUserPools_MaxResultsOutsideOneToSixty_IsAValidationError(int maxResults, string violation)
    {
        var response = await _wire.CallAsync("ListUserPools", new { MaxResults = maxResults });

        response.ShouldBeError(Invalid, "1 validation error detected: " + violation);
    }

    private async Task<JsonNode> Describe(string id)
    {
        var response = await _wire.CallAsync("DescribeUserPool", new { UserPoolId = id });
        response.ShouldBeOk();
        return response.Json["UserPool"]!;
    }
}
