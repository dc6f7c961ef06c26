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
