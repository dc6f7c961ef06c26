using CognitoMock.AspNetCore.Tests.SignIn;
using CognitoMock.AspNetCore.Tests.Support;

namespace CognitoMock.AspNetCore.Tests.Management;

/// <summary>DeleteUser: a signed-in user deletes itself with its access token.</summary>
public sealed class DeleteUserTests
{
    [Fact]
    public async Task DeleteUser_DeletesTheUserWithItsDevicesAndGrants_AndItsTokensFindNoUser()
    {
        using var mock = SignInPool.Start();
        var flows = new SignInFlows(mock);
        var signedIn = await PasswordSignInTests.Password(flows.Wire, "alice", SignInPool.Password);
        var (deviceKey, _, _, confirmation) = await flows.ConfirmNewDeviceAsync(signedIn);
        confirmation.ShouldBeOk();
        var token = SignInFlows.AccessToken(signedIn);
        var aliceId = mock.Backend.Store.FindUserBySub(SignInPool.Pool, SignInPool.AliceSub)!.Id;

        var deleted = await flows.Wire.CallAsync("DeleteUser", new { AccessToken = token }, signed: false);

        deleted.ShouldBeOk();
        deleted.Text.Should().Be("{}");
        (await flows.Wire.CallAsync("AdminGetUser", new { UserPoolId = SignInPool.Pool, Username = "alice" }))
            .ShouldBeError("UserNotFoundException", "User does not exist.");
        // A token of a deleted user finds no user (seen: aws-amplify/aws-sdk-android#366).
        (await flows.Wire.CallAsync("GetUser", new { AccessToken = token }, signed: false))
            .ShouldBeError("UserNotFoundException", "User does not exist.");
        (await flows.Wire.CallAsync("InitiateAuth", new
        {
            ClientId = SignInPool.Client,
            AuthFlow = "REFRESH_TOKEN_AUTH",
            AuthParameters = new { REFRESH_TOKEN = signedIn.Json["AuthenticationResult"]!["RefreshToken"]!.GetValue<string>(), DEVICE_KEY = deviceKey },
        }, signed: false)).ShouldBeError("NotAuthorizedException", "Invalid Refresh Token");
        mock.Backend.Store.DevicesOf(aliceId).Should().BeEmpty();
        mock.Backend.Store.CheckInvariants().Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteUser_WithATokenThatIsNotTheMocks_IsRefused_AndDeletesNothing()
    {
        using var mock = SignInPool.Start();
        var wire = new Wire(mock);

        (await wire.CallAsync("DeleteUser", new { AccessToken = "not-a-token" }, signed: false))
            .ShouldBeError("NotAuthorizedException", "Invalid Access Token");
        (await wire.CallAsync("AdminGetUser", new { UserPoolId = SignInPool.Pool, Username = "alice" })).ShouldBeOk();
    }
}
