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
        ["InitiateAuth"] = Handle(WireJson.Default.InitiateAuthRequest, WireJson.Default.AuthResponse,
            (backend, request, context) => backend.InitiateAuth(request, context)),
        ["AdminInitiateAuth"] = Handle(WireJson.Default.AdminInitiateAuthRequest, WireJson.Default.AuthResponse,
            (backend, request, context) => backend.AdminInitiateAuth(request, context)),
        ["RespondToAuthChallenge"] = Handle(WireJson.Default.RespondToAuthChallengeRequest, WireJson.Default.AuthResponse,
            (backend, request, context) => backend.RespondToAuthChallenge(request, context)),
        ["AdminRespondToAuthChallenge"] = Handle(WireJson.Default.AdminRespondToAuthChallengeRequest, WireJson.Default.AuthResponse,
            (backend, request, context) => backend.AdminRespondToAuthChallenge(request, context)),
        ["GetUser"] = Handle(WireJson.Default.GetUserRequest, WireJson.Default.GetUserResponse,
            (backend, request, context) => backend.GetUser(request, context)),
        ["GlobalSignOut"] = Handle(WireJson.Default.GlobalSignOutRequest, WireJson.Default.EmptyResponse,
            (backend, request, context) => backend.GlobalSignOut(request, context)),
        ["AdminUserGlobalSignOut"] = Handle(WireJson.Default.AdminUserGlobalSignOutRequest, WireJson.Default.EmptyResponse,
            (backend, request, context) => backend.AdminUserGlobalSignOut(request, context)),
        ["RevokeToken"] = Handle(WireJson.Default.RevokeTokenRequest, WireJson.Default.EmptyResponse,
            (backend, request, context) => backend.RevokeToken(request, context)),
        ["ConfirmDevice"] = Handle(WireJson.Default.ConfirmDeviceRequest, WireJson.Default.ConfirmDeviceResponse,
            (backend, request, context) => backend.ConfirmDevice(request, context)),
        ["ListDevices"] = Handle(WireJson.Default.ListDevicesRequest, WireJson.Default.ListDevicesResponse,
            (backend, request, context) => backend.ListDevices(request, context)),
        ["GetDevice"] = Handle(WireJson.Default.GetDeviceRequest, WireJson.Default.GetDeviceResponse,
            (backend, request, context) => backend.GetDevice(request, context)),
        ["ForgetDevice"] = Handle(WireJson.Default.ForgetDeviceRequest, WireJson.Default.EmptyResponse,
            (backend, request, context) => backend.ForgetDevice(request, context)),
        ["UpdateDeviceStatus"] = Handle(WireJson.Default.UpdateDeviceStatusRequest, WireJson.Default.EmptyResponse,
            (backend, request, context) => backend.UpdateDeviceStatus(request, context)),
        ["AdminGetDevice"] = Handle(WireJson.Default.AdminGetDeviceRequest, WireJson.Default.AdminGetDeviceResponse,
            (backend, request, context) => backend.AdminGetDevice(request, context)),
        ["AdminForgetDevice"] = Handle(WireJson.Default.AdminForgetDeviceRequest, WireJson.Default.EmptyResponse,
            (backend, request, context) => backend.AdminForgetDevice(request, context)),
        ["AdminUpdateDeviceStatus"] = Handle(WireJson.Default.AdminUpdateDeviceStatusRequest, WireJson.Default.EmptyResponse,
            (backend, request, context) => backend.AdminUpdateDeviceStatus(request, context)),
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
