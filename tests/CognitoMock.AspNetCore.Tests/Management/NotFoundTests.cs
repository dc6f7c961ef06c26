using System.Text.Json.Nodes;
using CognitoMock.AspNetCore.Tests.Support;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>
/// What every management operation answers for a pool, an app client or a user that does not exist, in the
/// words of docs/behaviour.md §2. The pool is checked first, then the client or the user.
/// </summary>
public sealed class NotFoundTests(EmptyMock fixture) : IClassFixture<EmptyMock>
{
    private const string Missing = "us-east-1_Nonexist0";

    private readonly Wire _wire = new(fixture.Mock);

    [Theory]
    [InlineData("DescribeUserPool", "{}")]
    [InlineData("UpdateUserPool", """{"PoolName":"renamed"}""")]
    [InlineData("DeleteUserPool", "{}")]
    [InlineData("CreateUserPoolClient", """{"ClientName":"web"}""")]
    [InlineData("DescribeUserPoolClient", """{"ClientId":"CLIENT"}""")]
    [InlineData("UpdateUserPoolClient", """{"ClientId":"CLIENT"}""")]
    [InlineData("DeleteUserPoolClient", """{"ClientId":"CLIENT"}""")]
    [InlineData("ListUserPoolClients", "{}")]
    [InlineData("AdminCreateUser", """{"Username":"ann"}""")]
    [InlineData("AdminGetUser", """{"Username":"ann"}""")]
    [InlineData("AdminDeleteUser", """{"Username":"ann"}""")]
    [InlineData("AdminUpdateUserAttributes", """{"Username":"ann","UserAttributes":[]}""")]
    [InlineData("AdminDeleteUserAttributes", """{"Username":"ann","UserAttributeNames":[]}""")]
    [InlineData("AdminSetUserPassword", """{"Username":"ann","Password":"Passw0rd!"}""")]
    [InlineData("AdminEnableUser", """{"Username":"ann"}""")]
    [InlineData("AdminDisableUser", """{"Username":"ann"}""")]
    [InlineData("AdminConfirmSignUp", """{"Username":"ann"}""")]
    [InlineData("ListUsers", "{}")]
    public async Task AnOperation_InAPoolThatDoesNotExist_IsResourceNotFound(string operation, string body)
    {
        var pool = await _wire.CreatePoolAsync();
        var (clientId, _) = await _wire.CreateClientAsync(pool);
        await _wire.CreateUserAsync(pool, "ann");

        var response = await _wire.CallAsync(operation, Body(body.Replace("CLIENT", clientId, StringComparison.Ordinal), Missing));

        response.ShouldBeError("ResourceNotFoundException", $"User pool {Missing} does not exist.");
    }

    [Theory]
    [InlineData("AdminGetUser", "{}")]
    [InlineData("AdminDeleteUser", "{}")]
    [InlineData("AdminUpdateUserAttributes", """{"UserAttributes":[{"Name":"given_name","Value":"x"}]}""")]
    [InlineData("AdminDeleteUserAttributes", """{"UserAttributeNames":["given_name"]}""")]
    [InlineData("AdminSetUserPassword", """{"Password":"Passw0rd!","Permanent":true}""")]
    [InlineData("AdminEnableUser", "{}")]
    [InlineData("AdminDisableUser", "{}")]
    [InlineData("AdminConfirmSignUp", "{}")]
    [InlineData("AdminCreateUser", """{"MessageAction":"RESEND"}""")]
    public async Task AnOperation_OnAUserThatDoesNotExist_IsUserNotFound(string operation, string body)
    {
        var pool = await _wire.CreatePoolAsync();
        var other = await _wire.CreatePoolAsync();
        await _wire.CreateUserAsync(other, "nobody");
        var request = Body(body, pool);
        request["Username"] = "nobody";

        var response = await _wire.CallAsync(operation, request);

        response.ShouldBeError("UserNotFoundException", "User does not exist.");
    }

    [Theory]
    [InlineData("DescribeUserPoolClient")]
    [InlineData("UpdateUserPoolClient")]
    [InlineData("DeleteUserPoolClient")]
    public async Task AnOperation_OnAClientThatDoesNotExistOrIsAnotherPools_IsResourceNotFound(string operation)
    {
        var pool = await _wire.CreatePoolAsync();
        var (othersClient, _) = await _wire.CreateClientAsync(await _wire.CreatePoolAsync());

        var unknown = await _wire.CallAsync(operation, new { UserPoolId = pool, ClientId = "nosuchclient0000000000000a" });
        var foreign = await _wire.CallAsync(operation, new { UserPoolId = pool, ClientId = othersClient });

        unknown.ShouldBeError("ResourceNotFoundException", "User pool client nosuchclient0000000000000a does not exist.");
        foreign.ShouldBeError("ResourceNotFoundException", $"User pool client {othersClient} does not exist.");
    }

    [Fact]
    public async Task SignUp_ThroughAClientThatDoesNotExist_IsResourceNotFound()
    {
        var response = await _wire.CallAsync("SignUp", new { ClientId = "nosuchclient0000000000000a", Username = "newbie", Password = Setup.Password }, signed: false);

        response.ShouldBeError("ResourceNotFoundException", "User pool client nosuchclient0000000000000a does not exist.");
    }

    private static JsonObject Body(string json, string pool)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["UserPoolId"] = pool;
        return body;
    }
}
