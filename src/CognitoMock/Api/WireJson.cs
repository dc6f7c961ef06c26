using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoMock.Api;

/// <summary>
/// The AWS JSON 1.1 encoding of the model's shapes: members by their model names, members without a value
/// left out rather than sent as null, and timestamps as epoch seconds with a millisecond fraction. The
/// [JsonSerializable] list is generated (WireJson.g.cs); source generation means no reflection per request.
/// </summary>
public sealed partial class WireJson
{
    /// <summary>
    /// The context the protocol writes with: text as AWS writes it, UTF-8 with only what JSON requires escaped,
    /// so an apostrophe in a device name reads "Alice's", not "Alice\u0027s".
    /// </summary>
    public static WireJson Wire { get; } = new(WireOptions());

    /// <summary>The options of <see cref="Wire"/>, for contexts that read and write the same JSON (the domain's by-name conversions).</summary>
    public static JsonSerializerOptions WireOptions() => new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EpochSecondsConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>1715100742.022: seconds since the epoch, with the milliseconds as a fraction when there are any.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.UnixEpoch.AddMilliseconds(Math.Round(reader.GetDouble() * 1000));

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var milliseconds = new DateTimeOffset(value.ToUniversalTime()).ToUnixTimeMilliseconds();
        var (seconds, fraction) = (Math.DivRem(milliseconds, 1000L, out var remainder), remainder);
        writer.WriteRawValue(fraction == 0
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:D3}").TrimEnd('0'), skipInputValidation: true);
    }
}
