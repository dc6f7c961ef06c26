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
        ["AdminListDevices"] = Handle(WireJson.Default.AdminListDevicesRequest, WireJson.Default.AdminListDevicesResponse,
            (backend, request, context) => backend.AdminListDevices(request, context)),
        ["CreateUserPool"] = Handle(WireJson.Default.CreateUserPoolRequest, WireJson.Default.CreateUserPoolResponse,
            (backend, request, context) => backend.CreateUserPool(request, context)),
        ["DescribeUserPool"] = Handle(WireJson.Default.DescribeUserPoolRequest, WireJson.Default.DescribeUserPoolResponse,
            (backend, request, context) => backend.DescribeUserPool(request, context)),
        ["UpdateUserPool"] = Handle(WireJson.Default.UpdateUserPoolRequest, WireJson.Default.UpdateUserPoolResponse,
            (backend, request, context) => backend.UpdateUserPool(request, context)),
        ["DeleteUserPool"] = Handle(WireJson.Default.DeleteUserPoolRequest, WireJson.Default.DeleteUserPoolResponse,
            (backend, request, context) => backend.DeleteUserPool(request, context)),
        ["ListUserPools"] = Handle(WireJson.Default.ListUserPoolsRequest, WireJson.Default.ListUserPoolsResponse,
            (backend, request, context) => backend.ListUserPools(request, context)),
        ["CreateUserPoolClient"] = Handle(WireJson.Default.CreateUserPoolClientRequest, WireJson.Default.CreateUserPoolClientResponse,
            (backend, request, context) => backend.CreateUserPoolClient(request, context)),
        ["DescribeUserPoolClient"] = Handle(WireJson.Default.DescribeUserPoolClientRequest, WireJson.Default.DescribeUserPoolClientResponse,
            (backend, request, context) => backend.DescribeUserPoolClient(request, context)),
        ["UpdateUserPoolClient"] = Handle(WireJson.Default.UpdateUserPoolClientRequest, WireJson.Default.UpdateUserPoolClientResponse,
            (backend, request, context) => backend.UpdateUserPoolClient(request, context)),
        ["DeleteUserPoolClient"] = Handle(WireJson.Default.DeleteUserPoolClientRequest, WireJson.Default.DeleteUserPoolClientResponse,
            (backend, request, context) => backend.DeleteUserPoolClient(request, context)),
        ["ListUserPoolClients"] = Handle(WireJson.Default.ListUserPoolClientsRequest, WireJson.Default.ListUserPoolClientsResponse,
            (backend, request, context) => backend.ListUserPoolClients(request, context)),
        ["AdminCreateUser"] = Handle(WireJson.Default.AdminCreateUserRequest, WireJson.Default.AdminCreateUserResponse,
            (backend, request, context) => backend.AdminCreateUser(request, context)),
        ["AdminGetUser"] = Handle(WireJson.Default.AdminUserRequest, WireJson.Default.AdminGetUserResponse,
            (backend, request, context) => backend.AdminGetUser(request, context)),
        ["AdminDeleteUser"] = Handle(WireJson.Default.AdminUserRequest, WireJson.Default.AdminDeleteUserResponse,
            (backend, request, context) => backend.AdminDeleteUser(request, context)),
        ["AdminUpdateUserAttributes"] = Handle(WireJson.Default.AdminUpdateUserAttributesRequest, WireJson.Default.AdminUpdateUserAttributesResponse,
            (backend, request, context) => backend.AdminUpdateUserAttributes(request, context)),
        ["AdminDeleteUserAttributes"] = Handle(WireJson.Default.AdminDeleteUserAttributesRequest, WireJson.Default.AdminDeleteUserAttributesResponse,
            (backend, request, context) => backend.AdminDeleteUserAttributes(request, context)),
        ["AdminSetUserPassword"] = Handle(WireJson.Default.AdminSetUserPasswordRequest, WireJson.Default.AdminSetUserPasswordResponse,
            (backend, request, context) => backend.AdminSetUserPassword(request, context)),
        ["AdminEnableUser"] = Handle(WireJson.Default.AdminUserRequest, WireJson.Default.AdminEnableUserResponse,
            (backend, request, context) => backend.AdminEnableUser(request, context)),
        ["AdminDisableUser"] = Handle(WireJson.Default.AdminUserRequest, WireJson.Default.AdminDisableUserResponse,
            (backend, request, context) => backend.AdminDisableUser(request, context)),
        ["AdminConfirmSignUp"] = Handle(WireJson.Default.AdminUserRequest, WireJson.Default.AdminConfirmSignUpResponse,
            (backend, request, context) => backend.AdminConfirmSignUp(request, context)),
        ["ListUsers"] = Handle(WireJson.Default.ListUsersRequest, WireJson.Default.ListUsersResponse,
            (backend, request, context) => backend.ListUsers(request, context)),
        ["SignUp"] = Handle(WireJson.Default.SignUpRequest, WireJson.Default.SignUpResponse,
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
        catch (JsonException e)
        {
            throw new SerializationException($"The request body does not fit the operation's input: {e.Message}");
        }
    }
}
