using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CognitoMock.Errors;

namespace CognitoMock.AspNetCore.Protocol;

/// <summary>Runs one operation: reads its input shape from a validated body and writes its output shape.</summary>
internal delegate byte[] OperationHandler(CognitoBackend backend, JsonElement body, RequestContext context);

/// <summary>
/// The one dispatch table: operation name to handler. An operation of the model that is not here is not
/// implemented yet, and the protocol layer says so instead of failing.
/// </summary>
internal static class Operations
{
    public static readonly FrozenDictionary<string, OperationHandler> Table = new Dictionary<string, OperationHandler>
    {
        ["AdminListDevices"] = Handle(WireJson.Wire.AdminListDevicesRequest, WireJson.Wire.AdminListDevicesResponse,
            (backend, request, context) => backend.AdminListDevices(request, context)),
        ["SetUserPoolMfaConfig"] = Handle(WireJson.Wire.SetUserPoolMfaConfigRequest, WireJson.Wire.UserPoolMfaConfigResponse,
            (backend, request, context) => backend.SetUserPoolMfaConfig(request, context)),
        ["GetUserPoolMfaConfig"] = Handle(WireJson.Wire.GetUserPoolMfaConfigRequest, WireJson.Wire.UserPoolMfaConfigResponse,
            (backend, request, context) => backend.GetUserPoolMfaConfig(request, context)),
        ["AssociateSoftwareToken"] = Handle(WireJson.Wire.AssociateSoftwareTokenRequest, WireJson.Wire.AssociateSoftwareTokenResponse,
            (backend, request, context) => backend.AssociateSoftwareToken(request, context)),
        ["VerifySoftwareToken"] = Handle(WireJson.Wire.VerifySoftwareTokenRequest, WireJson.Wire.VerifySoftwareTokenResponse,
            (backend, request, context) => backend.VerifySoftwareToken(request, context)),
        ["SetUserMFAPreference"] = Handle(WireJson.Wire.SetUserMFAPreferenceRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.SetUserMFAPreference(request, context)),
        ["AdminSetUserMFAPreference"] = Handle(WireJson.Wire.AdminSetUserMFAPreferenceRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.AdminSetUserMFAPreference(request, context)),
        ["InitiateAuth"] = Handle(WireJson.Wire.InitiateAuthRequest, WireJson.Wire.AuthResponse,
            (backend, request, context) => backend.InitiateAuth(request, context)),
        ["AdminInitiateAuth"] = Handle(WireJson.Wire.AdminInitiateAuthRequest, WireJson.Wire.AuthResponse,
            (backend, request, context) => backend.AdminInitiateAuth(request, context)),
        ["RespondToAuthChallenge"] = Handle(WireJson.Wire.RespondToAuthChallengeRequest, WireJson.Wire.AuthResponse,
            (backend, request, context) => backend.RespondToAuthChallenge(request, context)),
        ["AdminRespondToAuthChallenge"] = Handle(WireJson.Wire.AdminRespondToAuthChallengeRequest, WireJson.Wire.AuthResponse,
            (backend, request, context) => backend.AdminRespondToAuthChallenge(request, context)),
        ["GetUser"] = Handle(WireJson.Wire.GetUserRequest, WireJson.Wire.GetUserResponse,
            (backend, request, context) => backend.GetUser(request, context)),
        ["GlobalSignOut"] = Handle(WireJson.Wire.GlobalSignOutRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.GlobalSignOut(request, context)),
        ["AdminUserGlobalSignOut"] = Handle(WireJson.Wire.AdminUserGlobalSignOutRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.AdminUserGlobalSignOut(request, context)),
        ["RevokeToken"] = Handle(WireJson.Wire.RevokeTokenRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.RevokeToken(request, context)),
        ["ConfirmDevice"] = Handle(WireJson.Wire.ConfirmDeviceRequest, WireJson.Wire.ConfirmDeviceResponse,
            (backend, request, context) => backend.ConfirmDevice(request, context)),
        ["ListDevices"] = Handle(WireJson.Wire.ListDevicesRequest, WireJson.Wire.ListDevicesResponse,
            (backend, request, context) => backend.ListDevices(request, context)),
        ["GetDevice"] = Handle(WireJson.Wire.GetDeviceRequest, WireJson.Wire.GetDeviceResponse,
            (backend, request, context) => backend.GetDevice(request, context)),
        ["ForgetDevice"] = Handle(WireJson.Wire.ForgetDeviceRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.ForgetDevice(request, context)),
        ["UpdateDeviceStatus"] = Handle(WireJson.Wire.UpdateDeviceStatusRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.UpdateDeviceStatus(request, context)),
        ["AdminGetDevice"] = Handle(WireJson.Wire.AdminGetDeviceRequest, WireJson.Wire.AdminGetDeviceResponse,
            (backend, request, context) => backend.AdminGetDevice(request, context)),
        ["AdminForgetDevice"] = Handle(WireJson.Wire.AdminForgetDeviceRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.AdminForgetDevice(request, context)),
        ["AdminUpdateDeviceStatus"] = Handle(WireJson.Wire.AdminUpdateDeviceStatusRequest, WireJson.Wire.EmptyResponse,
            (backend, request, context) => backend.AdminUpdateDeviceStatus(request, context)),
        ["CreateUserPool"] = Handle(WireJson.Wire.CreateUserPoolRequest, WireJson.Wire.CreateUserPoolResponse,
            (backend, request, context) => backend.CreateUserPool(request, context)),
        ["DescribeUserPool"] = Handle(WireJson.Wire.DescribeUserPoolRequest, WireJson.Wire.DescribeUserPoolResponse,
            (backend, request, context) => backend.DescribeUserPool(request, context)),
        ["UpdateUserPool"] = Handle(WireJson.Wire.UpdateUserPoolRequest, WireJson.Wire.UpdateUserPoolResponse,
            (backend, request, context) => backend.UpdateUserPool(request, context)),
        ["DeleteUserPool"] = Handle(WireJson.Wire.DeleteUserPoolRequest, WireJson.Wire.DeleteUserPoolResponse,
            (backend, request, context) => backend.DeleteUserPool(request, context)),
        ["ListUserPools"] = Handle(WireJson.Wire.ListUserPoolsRequest, WireJson.Wire.ListUserPoolsResponse,
            (backend, request, context) => backend.ListUserPools(request, context)),
        ["CreateUserPoolClient"] = Handle(WireJson.Wire.CreateUserPoolClientRequest, WireJson.Wire.CreateUserPoolClientResponse,
            (backend, request, context) => backend.CreateUserPoolClient(request, context)),
        ["DescribeUserPoolClient"] = Handle(WireJson.Wire.DescribeUserPoolClientRequest, WireJson.Wire.DescribeUserPoolClientResponse,
            (backend, request, context) => backend.DescribeUserPoolClient(request, context)),
        ["UpdateUserPoolClient"] = Handle(WireJson.Wire.UpdateUserPoolClientRequest, WireJson.Wire.UpdateUserPoolClientResponse,
            (backend, request, context) => backend.UpdateUserPoolClient(request, context)),
        ["DeleteUserPoolClient"] = Handle(WireJson.Wire.DeleteUserPoolClientRequest, WireJson.Wire.DeleteUserPoolClientResponse,
            (backend, request, context) => backend.DeleteUserPoolClient(request, context)),
        ["ListUserPoolClients"] = Handle(WireJson.Wire.ListUserPoolClientsRequest, WireJson.Wire.ListUserPoolClientsResponse,
            (backend, request, context) => backend.ListUserPoolClients(request, context)),
        ["AdminCreateUser"] = Handle(WireJson.Wire.AdminCreateUserRequest, WireJson.Wire.AdminCreateUserResponse,
            (backend, request, context) => backend.AdminCreateUser(request, context)),
        ["AdminGetUser"] = Handle(WireJson.Wire.AdminUserRequest, WireJson.Wire.AdminGetUserResponse,
            (backend, request, context) => backend.AdminGetUser(request, context)),
        ["AdminDeleteUser"] = Handle(WireJson.Wire.AdminUserRequest, WireJson.Wire.AdminDeleteUserResponse,
            (backend, request, context) => backend.AdminDeleteUser(request, context)),
        ["AdminUpdateUserAttributes"] = Handle(WireJson.Wire.AdminUpdateUserAttributesRequest, WireJson.Wire.AdminUpdateUserAttributesResponse,
            (backend, request, context) => backend.AdminUpdateUserAttributes(request, context)),
        ["AdminDeleteUserAttributes"] = Handle(WireJson.Wire.AdminDeleteUserAttributesRequest, WireJson.Wire.AdminDeleteUserAttributesResponse,
            (backend, request, context) => backend.AdminDeleteUserAttributes(request, context)),
        ["AdminSetUserPassword"] = Handle(WireJson.Wire.AdminSetUserPasswordRequest, WireJson.Wire.AdminSetUserPasswordResponse,
            (backend, request, context) => backend.AdminSetUserPassword(request, context)),
        ["AdminEnableUser"] = Handle(WireJson.Wire.AdminUserRequest, WireJson.Wire.AdminEnableUserResponse,
            (backend, request, context) => backend.AdminEnableUser(request, context)),
        ["AdminDisableUser"] = Handle(WireJson.Wire.AdminUserRequest, WireJson.Wire.AdminDisableUserResponse,
            (backend, request, context) => backend.AdminDisableUser(request, context)),
        ["AdminConfirmSignUp"] = Handle(WireJson.Wire.AdminUserRequest, WireJson.Wire.AdminConfirmSignUpResponse,
            (backend, request, context) => backend.AdminConfirmSignUp(request, context)),
        ["ListUsers"] = Handle(WireJson.Wire.ListUsersRequest, WireJson.Wire.ListUsersResponse,
            (backend, request, context) => backend.ListUsers(request, context)),
        ["SignUp"] = Handle(WireJson.Wire.SignUpRequest, WireJson.Wire.SignUpResponse,
            (backend, request, context) => backend.SignUp(request, context)),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static OperationHandler Handle<TRequest, TResponse>(
        JsonTypeInfo<TRequest> input, JsonTypeInfo<TResponse> output, Func<CognitoBackend, TRequest, RequestContext, TResponse> run) =>
        (backend, body, context) => JsonSerializer.SerializeToUtf8Bytes(run(backend, Read(body, input), context), output);

    private static T Read<T>(JsonElement body, JsonTypeInfo<T> input)
    {
        try
        {
            return body.Deserialize(input) ?? throw new SerializationException("The request body is null.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new SerializationException($"The request body does not fit the operation's input: {e.Message}");
        }
    }
}
