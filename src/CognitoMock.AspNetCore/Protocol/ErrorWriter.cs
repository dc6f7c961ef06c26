using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CognitoMock.Errors;
using Microsoft.AspNetCore.Http;

namespace CognitoMock.AspNetCore.Protocol;

/// <summary>The one place an error becomes a response: status, __type and message, and AWS's error headers.</summary>
internal static class ErrorWriter
{
    public static Task WriteAsync(HttpResponse response, CognitoException error, string requestId)
    {
        response.StatusCode = error.StatusCode;
        response.ContentType = AwsJson.ContentType;
        response.Headers[AwsJson.RequestIdHeader] = requestId;
        // AWS ends the error type with a colon; the SDKs strip what follows it (docs/behaviour.md §1).
        response.Headers["x-amzn-ErrorType"] = error.Code + ":";
        response.Headers["x-amzn-ErrorMessage"] = HeaderSafe(error.Message);
        return response.Body.WriteAsync(Body(error)).AsTask();
    }

    public static byte[] Body(CognitoException error)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", error.Code);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // A header carries printable ASCII only; the body keeps the exact message.
    private static string HeaderSafe(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
