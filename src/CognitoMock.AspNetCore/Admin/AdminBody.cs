using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace CognitoMock.AspNetCore.Admin;

/// <summary>
/// A request the admin endpoints refuse: answered with its status (a 4xx) and {"Message": ...}, never an empty
/// body, so a test that sent it reads what was wrong.
/// </summary>
internal sealed class AdminRefusal(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Reads the JSON bodies of the admin endpoints. Minimal-API binding answers an empty 400 for a body that does
/// not bind, reads numbers from strings ("NaN" among them) and ignores misspelt members, which then silently
/// take their defaults; this reader refuses each of those with a message that names the member.
/// </summary>
internal static class AdminBody
{
    /// <summary>The whole body; a client that sends it broken (a bad chunk, too slowly, too much) is refused, not a 500, which SDKs retry.</summary>
    public static async Task<MemoryStream> ReadAllAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        var body = new MemoryStream();
        try
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (body.Length + read > limit)
                {
                    throw TooLarge(limit);
                }

                body.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            // As on POST /: Kestrel reports a chunk size that overflows as an IOException, the other broken bodies
            // as BadHttpRequestException with the status that fits.
            await body.DisposeAsync();
            throw new AdminRefusal($"The request body could not be read: {e.Message}", (e as BadHttpRequestException)?.StatusCode ?? StatusCodes.Status400BadRequest);
        }
        catch (AdminRefusal)
        {
            await body.DisposeAsync();
            throw;
        }

        body.Position = 0;
        return body;
    }

    /// <summary>The body as <typeparamref name="T"/>: a JSON object of its members only, each of its type, the required ones given.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, long limit, JsonTypeInfo<T> type, string what)
    {
        using var body = await ReadAllAsync(request, limit);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException e)
        {
            throw new AdminRefusal($"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var members = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
            var names = string.Join(", ", members.Keys);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new AdminRefusal($"The body must be {what}: a JSON object with the members {names}.");
            }

            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (!members.ContainsKey(member.Name))
                {
                    throw new AdminRefusal($"{Quoted(member.Name)} is not a member of {what}; its members are {names}.");
                }
            }

            foreach (var required in members.Values.Where(p => p.IsRequired))
            {
                if (!document.RootElement.TryGetProperty(required.Name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    throw new AdminRefusal($"{char.ToUpperInvariant(what[0])}{what[1..]} needs {required.Name}.");
                }
            }

            try
            {
                return document.RootElement.Deserialize(type)!;
            }
            catch (JsonException e) when (e.Path is ['$', '.', .. var name] && members.TryGetValue(name, out var member))
            {
                throw new AdminRefusal($"{member.Name} must be {Expected(member.PropertyType)}.");
            }
        }
    }

    /// <summary>What a member's JSON value must be, in words.</summary>
    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(double) => "a number",
        var t when t == typeof(int) => "a whole number",
        var t when t == typeof(DateTimeOffset) => "a date and time, such as 2030-01-01T00:00:00Z",
        { IsEnum: true } t => "one of " + string.Join(", ", Enum.GetNames(t)),
        _ => "a string",
    };

    /// <summary>A member name as sent, cut short and kept printable, since it goes back in the message.</summary>
    public static string Quoted(string name) =>
        "'" + new string([.. name.Take(64).Select(c => char.IsControl(c) ? '?' : c)]) + (name.Length > 64 ? "...'" : "'");

    private static AdminRefusal TooLarge(long limit) =>
        new($"The request body is larger than the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
}
