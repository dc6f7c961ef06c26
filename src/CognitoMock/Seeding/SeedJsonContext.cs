using System.Text.Json.Serialization;

namespace CognitoMock.Seeding;

/// <summary>
/// Reads and writes seed documents. Unknown members are refused, because a misspelt member in a
/// hand-written seed would otherwise load silently without its data.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SeedDocument))]
public sealed partial class SeedJsonContext : JsonSerializerContext;
