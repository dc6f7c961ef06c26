using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CognitoMock.Api;
using CognitoMock.Domain;

namespace CognitoMock;

/// <summary>
/// Converts between a wire shape and a domain record whose members bear the same AWS names, by writing one as
/// JSON and reading the other: the stored settings of pools and clients are the domain's own records, and a
/// member-by-member copy of every setting in each direction would be one more list to keep in step with the
/// model. A member one side does not have is dropped. These conversions run when settings are set or shown,
/// never on a request's hot path.
/// </summary>
internal static class ByName
{
    public static TTo Convert<TFrom, TTo>(TFrom value, JsonTypeInfo<TFrom> from, JsonTypeInfo<TTo> to) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, from), to)
        ?? throw new InvalidOperationException($"{typeof(TFrom).Name} did not convert to {typeof(TTo).Name}.");

    public static JsonTypeInfo<TWire> Wire<TWire>() => (JsonTypeInfo<TWire>)WireJson.Wire.GetTypeInfo(typeof(TWire))!;

    public static JsonTypeInfo<TDomain> Domain<TDomain>() => (JsonTypeInfo<TDomain>)DomainJson.Shared.GetTypeInfo(typeof(TDomain))!;

    /// <summary>A wire shape as the domain record of the same names.</summary>
    public static TDomain ToDomain<TWire, TDomain>(TWire wire) => Convert(wire, Wire<TWire>(), Domain<TDomain>());

    /// <summary>A domain record as the wire shape of the same names.</summary>
    public static TWire ToWire<TDomain, TWire>(TDomain domain) => Convert(domain, Domain<TDomain>(), Wire<TWire>());
}

/// <summary>The domain records <see cref="ByName"/> converts, read and written as the wire writes their shapes.</summary>
[JsonSerializable(typeof(PoolSettings))]
[JsonSerializable(typeof(ClientSettings))]
[JsonSerializable(typeof(List<SchemaAttribute>))]
[JsonSerializable(typeof(SchemaAttribute))]
[JsonSerializable(typeof(DeviceConfiguration))]
[JsonSerializable(typeof(LambdaTriggers))]
[JsonSerializable(typeof(SmsSettings))]
internal sealed partial class DomainJson : JsonSerializerContext
{
    public static DomainJson Shared { get; } = new(WireJson.WireOptions());
}
