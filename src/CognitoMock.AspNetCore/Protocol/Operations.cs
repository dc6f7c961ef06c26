using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CognitoMock.Errors;

namespace CognitoMock.AspNetCore.Protocol;

/// <summary>Runs one operation: reads its input shape from a validated body and writes its output shape.</summary>
internal delegate byte[] OperationHandler(CognitoBackend backend, JsonElement body, RequestContext context);

/// <summary>
/// The one dispatch table: operation name to handler. Every operation of the model has a generated handler
/// (Operations.g.cs); the table holds those whose method the engine overrides, so an operation without a rule
/// is not here, and the protocol layer answers UnknownOperationException before it reads the body.
/// </summary>
internal static partial class Operations
{
    public static readonly FrozenDictionary<string, OperationHandler> Table = Handlers()
        .Where(entry => Implemented(entry.Key))
        .ToFrozenDictionary(entry => entry.Key, entry => entry.Value(), StringComparer.Ordinal);

    /// <summary>The model's operations the engine implements, by name: what the parity matrix and the README count.</summary>
    public static IReadOnlyCollection<string> Names => Table.Keys;

    /// <summary>Whether <see cref="CognitoBackend"/> overrides the operation's method of the generated base class.</summary>
    private static bool Implemented(string operation) =>
        typeof(CognitoBackend).GetMethod(operation, BindingFlags.Public | BindingFlags.Instance)?.DeclaringType == typeof(CognitoBackend);

    private static OperationHandler Handle<TRequest, TResponse>(
        JsonTypeInfo<TRequest> input, JsonTypeInfo<TResponse> output, Func<CognitoBackend, TRequest, RequestContext, TResponse> run) =>
        (backend, body, context) => JsonSerializer.SerializeToUtf8Bytes(run(backend, Read(body, input), context), output);

    /// <summary>An operation the model gives no output: it answers an empty object.</summary>
    private static OperationHandler Handle<TRequest>(JsonTypeInfo<TRequest> input, Action<CognitoBackend, TRequest, RequestContext> run) =>
        (backend, body, context) =>
        {
            run(backend, Read(body, input), context);
            return EmptyObject;
        };

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

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
