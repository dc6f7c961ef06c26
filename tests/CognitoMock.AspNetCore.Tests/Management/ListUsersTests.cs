using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;
using CognitoMock.Testing;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>ListUsers: order, Filter, AttributesToGet, Limit and PaginationToken.</summary>
public sealed class ListUsersTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private const string Invalid = "InvalidParameterException";

    private readonly InProcessCognitoMock _mock = fixture.Mock;
    private readonly Wire _wire = new(fixture.Mock);

    [Fact]
    public async Task ListUsers_WithoutAFilter_ListsEveryUserInUsernameOrder()
    {
        var pool = await PoolOfFiveAsync();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool });

        response.ShouldBeOk();
        Usernames(response).Should().Equal("Zed", "alex", "alice", "bob", "carol");
        response.Json.ContainsKey("PaginationToken").Should().BeFalse();
        var alice = response.Json["Users"]![2]!;
        alice.AsObject().Select(m => m.Key).Should().BeEquivalentTo("Username", "Attributes", "UserCreateDate", "UserLastModifiedDate", "Enabled", "UserStatus");
        JsonNode.DeepEquals(alice["Attributes"], (await _wire.GetUserAsync(pool, "alice"))["UserAttributes"]).Should().BeTrue();
    }

    [Theory]
    [InlineData("username = \"alice\"", "alice")]
    [InlineData("username ^= \"al\"", "alex,alice")]
    [InlineData("username = \"Alice\"", "")]
    [InlineData("username=\"bob\"", "bob")]
    [InlineData("email = \"alice@example.com\"", "alice")]
    [InlineData("email ^= \"a\"", "alex,alice")]
    [InlineData("phone_number = \"+15555550100\"", "bob")]
    [InlineData("name = \"Carol \\\"C\\\" Smith\"", "carol")]
    [InlineData("given_name ^= \"Al\"", "alex,alice")]
    [InlineData("family_name = \"Smith\"", "Zed,carol")]
    [InlineData("preferred_username = \"bobby\"", "bob")]
    [InlineData("cognito:user_status = \"unconfirmed\"", "carol")]
    [InlineData("cognito:user_status = \"FORCE_CHANGE_PASSWORD\"", "Zed,alex,alice,bob")]
    [InlineData("status = \"Disabled\"", "bob")]
    [InlineData("status = \"disabled\"", "")]
    [InlineData("  email   ^=   \"zed@\"  ", "Zed")]
    [InlineData("", "Zed,alex,alice,bob,carol")]
    public async Task ListUsers_WithAFilter_ListsTheUsersItMatches(string filter, string usernames)
    {
        var pool = await PoolOfFiveAsync();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Filter = filter });

        response.ShouldBeOk();
        Usernames(response).Should().BeEquivalentTo(usernames.Split(',', StringSplitOptions.RemoveEmptyEntries), o => o.WithStrictOrdering().Using(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListUsers_FilteredBySub_FindsThatUser()
    {
        var pool = await PoolOfFiveAsync();
        var sub = Setup.Sub(await _wire.GetUserAsync(pool, "bob"));

        var exact = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Filter = $"sub = \"{sub}\"" });
        var prefix = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Filter = $"sub ^= \"{sub[..8]}\"" });

        Usernames(exact).Should().Equal("bob");
        Usernames(prefix).Should().Equal("bob");
    }

    [Fact]
    public async Task ListUsers_ByUsername_DoesNotFindAUserByAlias()
    {
        var pool = await PoolOfFiveAsync();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Filter = "username = \"alice@example.com\"" });

        Usernames(response).Should().BeEmpty();
    }

    [Fact]
    public async Task ListUsers_WithAttributesToGet_ReturnsOnlyThoseAttributes()
    {
        var pool = await PoolOfFiveAsync();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Filter = "username = \"bob\"", AttributesToGet = new[] { "email", "phone_number" } });

        response.ShouldBeOk();
        Setup.Attributes(response.Json["Users"]![0]!["Attributes"]).Should().Equal(new Dictionary<string, string>
        {
            ["email"] = "bob@example.com",
            ["phone_number"] = "+15555550100",
        });
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 3)]
    [InlineData(5, 1)]
    public async Task ListUsers_PagedByLimit_ListsEveryUserOnceAndTheLastPageHasNoToken(int limit, int pages)
    {
        var pool = await PoolOfFiveAsync();

        var (usernames, pageCount) = await ListAllAsync(pool, limit, null);

        usernames.Should().Equal("Zed", "alex", "alice", "bob", "carol");
        pageCount.Should().Be(pages);
    }

    [Fact]
    public async Task ListUsers_PagedWithAFilter_ListsEveryMatchOnce()
    {
        var pool = await PoolOfFiveAsync();

        var (usernames, pageCount) = await ListAllAsync(pool, 1, "cognito:user_status = \"FORCE_CHANGE_PASSWORD\"");

        usernames.Should().Equal("Zed", "alex", "alice", "bob");
        pageCount.Should().Be(4);
    }

    [Fact]
    public async Task ListUsers_UsersAddedAndDeletedBetweenPages_NeverMakeAnotherRepeatOrVanish()
    {
        var pool = await PoolOfFiveAsync();
        var first = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Limit = 2 });
        (await _wire.CallAsync("AdminDeleteUser", new { UserPoolId = pool, Username = "Zed" })).ShouldBeOk();
        await _wire.CreateUserAsync(pool, "aaron");
        await _wire.CreateUserAsync(pool, "dave");

        var rest = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Limit = 60, PaginationToken = first.Json["PaginationToken"]!.GetValue<string>() });

        Usernames(first).Should().Equal("Zed", "alex");
        Usernames(rest).Should().Equal("alice", "bob", "carol", "dave");
    }

    [Fact]
    public async Task ListUsers_WithATokenFromAnotherFilter_IsInvalid()
    {
        var pool = await PoolOfFiveAsync();
        var first = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Limit = 1, Filter = "email ^= \"a\"" });
        var token = first.Json["PaginationToken"]!.GetValue<string>();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Limit = 1, Filter = "email ^= \"b\"", PaginationToken = token });

        response.ShouldBeError(Invalid, $"Paging marker {token} is invalid for request {response.RequestId}: the token was issued for another operation, user pool or user.");
    }

    [Fact]
    public async Task ListUsers_WithAnExpiredToken_IsInvalid()
    {
        var pool = await PoolOfFiveAsync();
        var token = (await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Limit = 1 })).Json["PaginationToken"]!.GetValue<string>();
        _mock.Clock.Advance(TimeSpan.FromHours(1));

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Limit = 1, PaginationToken = token });

        response.ShouldBeError(Invalid, $"Paging marker {token} is invalid for request {response.RequestId}: the token has expired.");
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("email")]
    [InlineData("email = alice")]
    [InlineData("email == \"alice\"")]
    [InlineData("email = \"alice")]
    [InlineData("email = \"alice\" extra")]
    [InlineData("email = \"a\\")]
    public async Task ListUsers_WithAFilterThatDoesNotParse_IsInvalid(string filter)
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Filter = filter });

        response.ShouldBeError(Invalid, "Error while parsing filter.");
    }

    [Fact]
    public async Task ListUsers_FilteringAnAttributeThatIsNotSearchable_IsInvalid()
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Filter = "locale = \"en\"" });

        response.ShouldBeError(Invalid,
            "The attribute locale cannot be searched. The searchable attributes are username, email, phone_number, name, given_name, family_name, preferred_username, cognito:user_status, status, sub.");
    }

    [Fact]
    public async Task ListUsers_AskingForAnAttributeTheSchemaLacks_IsInvalid()
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, AttributesToGet = new[] { "email", "custom:nope" } });

        response.ShouldBeError(Invalid, "AttributesToGet names custom:nope, which is not an attribute of the user pool's schema.");
    }

    [Fact]
    public async Task ListUsers_WithALimitAboveSixty_IsAValidationError()
    {
        var pool = await _wire.CreatePoolAsync();

        var response = await _wire.CallAsync("ListUsers", new { UserPoolId = pool, Limit = 61 });

        response.ShouldBeError(Invalid, "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
    }

    /// <summary>Five users whose usernames sort in ordinal order as Zed, alex, alice, bob, carol.</summary>
    private async Task<string> PoolOfFiveAsync()
    {
        var pool = await _wire.CreatePoolAsync(new JsonObject { ["AliasAttributes"] = new JsonArray("email", "preferred_username") });
        var (clientId, _) = await _wire.CreateClientAsync(pool);
        await _wire.CreateUserAsync(pool, "alice", ("email", "alice@example.com"), ("email_verified", "true"), ("given_name", "Alice"));
        await _wire.CreateUserAsync(pool, "bob", ("email", "bob@example.com"), ("phone_number", "+15555550100"), ("preferred_username", "bobby"));
        (await _wire.CallAsync("SignUp", new
        {
            ClientId = clientId,
            Username = "carol",
            Password = Setup.Password,
            UserAttributes = new[] { new { Name = "name", Value = "Carol \"C\" Smith" }, new { Name = "family_name", Value = "Smith" } },
        }, signed: false)).ShouldBeOk();
        await _wire.CreateUserAsync(pool, "alex", ("email", "alex@example.com"), ("given_name", "Alex"));
        await _wire.CreateUserAsync(pool, "Zed", ("email", "zed@example.com"), ("family_name", "Smith"));
        (await _wire.CallAsync("AdminDisableUser", new { UserPoolId = pool, Username = "bob" })).ShouldBeOk();
        return pool;
    }

    private async Task<(List<string> Usernames, int Pages)> ListAllAsync(string pool, int limit, string? filter)
    {
        var usernames = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var request = new JsonObject { ["UserPoolId"] = pool, ["Limit"] = limit, ["Filter"] = filter, ["PaginationToken"] = token };
            var response = await _wire.CallAsync("ListUsers", request);
            response.ShouldBeOk();
            pages++;
            usernames.AddRange(Usernames(response));
            token = response.Json["PaginationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return (usernames, pages);
    }

    private static List<string> Usernames(WireResponse response) =>
        [.. response.Json["Users"]!.AsArray().Select(u => u!["Username"]!.GetValue<string>())];
}
